import type { IncomingHttpHeaders } from 'node:http';
import { connectionListed, HOP_BY_HOP } from './hop-by-hop';
import { isGuestSession, type VerifiedSession } from './verify';

// Names only the proxy may set. Compared with `_` read as `-`: WSGI and CGI upstreams see
// `X_App_Gateway_User_Id` and `X-App-Gateway-User-Id` alike, as HTTP_X_APP_GATEWAY_USER_ID.
const RESERVED_PREFIXES = ['x-app-gateway-', 'x-forwarded-'];
const RESERVED_NAMES: ReadonlySet<string> = new Set(['forwarded', 'cookie', 'host']);
// Answered by the proxy's own server (`100 Continue`) before the request reached it.
const ANSWERED = 'expect';

/**
 * Headers for the upstream: the client's, minus hop-by-hop and every spelling of the proxy's own, plus
 * the verified identity and, where the app has one for this viewer, the access token (SPEC §17).
 */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  session: VerifiedSession,
  forwardedCookie: string | null,
  upstreamHost: string,
  forwardedProto: string,
  clientAddress: string,
  accessToken: string | null = null,
): Record<string, string | string[]> {
  const listed = connectionListed(incoming);
  const out: Record<string, string | string[]> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name) || name === ANSWERED || isReserved(name)) continue;
    out[name] = value;
  }
  if (forwardedCookie !== null) out.cookie = forwardedCookie;
  out.host = upstreamHost;
  out['x-forwarded-for'] = clientAddress;
  out['x-forwarded-host'] = incoming.host ?? '';
  out['x-forwarded-proto'] = forwardedProto.replace(/:$/, '');
  out['x-app-gateway-assertion'] = session.token;
  out['x-app-gateway-user-id'] = session.sub;
  out['x-app-gateway-user-name'] = encodeURIComponent(session.name ?? '');
  if (accessToken !== null) {
    out['x-app-gateway-access-token'] = accessToken;
    // An answer the proxy can read: should the upstream echo the token, forward.ts masks it.
    out['accept-encoding'] = 'identity';
  }
  if (isGuestSession(session)) {
    // SPEC §15: a guest is in no org (no org id header); an anonymous guest has no email header at all.
    if (session.email !== null) out['x-app-gateway-user-email'] = session.email;
    out['x-app-gateway-org-role'] = 'guest';
    return out;
  }
  out['x-app-gateway-user-email'] = session.email ?? '';
  out['x-app-gateway-org-id'] = session.org_id;
  if (session.orgRole !== null) out['x-app-gateway-org-role'] = session.orgRole;
  return out;
}

/** Whether a (lower-case, as Node gives it) client header name is one the proxy sets itself, in any spelling. */
function isReserved(name: string): boolean {
  if (RESERVED_NAMES.has(name)) return true;
  for (const prefix of RESERVED_PREFIXES) if (startsWithUnderscoreAsDash(name, prefix)) return true;
  return false;
}

function startsWithUnderscoreAsDash(name: string, prefix: string): boolean {
  if (name.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const c = name[i];
    if (c !== prefix[i] && !(c === '_' && prefix[i] === '-')) return false;
  }
  return true;
}
