import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { RequestOrigin } from './auth-user';

const USER_AGENT_MAX = 512;

/**
 * The audit log's "from where": the client address as Express resolved it (honouring
 * TRUST_PROXY_HOPS), the user agent cut to a bounded length, and the request id the logs carry.
 */
export function requestOrigin(req: IncomingMessage & { ip?: string; id?: unknown }): RequestOrigin {
  const ua = req.headers['user-agent'];
  const ip = req.ip && isIP(req.ip) ? req.ip : null;
  const id = typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : null;
  return {
    ip,
    userAgent: typeof ua === 'string' && ua.length ? ua.slice(0, USER_AGENT_MAX) : null,
    requestId: id,
  };
}

/** For work that no request started: the command line, jobs, seeding. */
export const NO_ORIGIN: RequestOrigin = { ip: null, userAgent: null, requestId: null };
