import { throttleAddress } from './throttle-address';

describe(throttleAddress.name, () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::FFFF:192.0.2.1', '192.0.2.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b::192.0.2.1'],
  ])('counts %p as %p', (ip, expected) => {
    expect(throttleAddress(ip)).toBe(expected);
  });

  it('puts two addresses of one IPv6 /64 together, and another /64 apart', () => {
    expect(throttleAddress('2001:db8:1:2::a')).toBe(throttleAddress('2001:db8:1:2:ffff::b'));
    expect(throttleAddress('2001:db8:1:3::a')).not.toBe(throttleAddress('2001:db8:1:2::a'));
  });

  it('counts a request without an address under one key', () => {
    expect(throttleAddress(undefined)).toBe('unknown');
    expect(throttleAddress('')).toBe('unknown');
  });
});
