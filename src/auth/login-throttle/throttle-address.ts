import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address a client's failed logins are counted against. An IPv6 client usually holds a whole
 * /64 and can pick a new address in it for every request, so IPv6 addresses count per /64; an
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) counts as the IPv4 address it carries.
 */
export function throttleAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address)) return address;
  // An IPv6 address with an embedded IPv4 tail (NAT64 and the like) names one IPv4 client: keep it whole.
  if (!isIPv6(address) || address.includes('.')) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded, without leading zeros. */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}
