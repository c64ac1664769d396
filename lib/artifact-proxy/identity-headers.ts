import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { VerifiedSession } from './verify';

// Hop-by-hop headers (RFC 9110 §7.6.1) are the connection's, never forwarded.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authorization', 'proxy-authenticate']);

/** Headers for the upstream: the client's, minus hop-by-hop and every X-App-Gateway-*, plus the verified identity. */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  session: VerifiedSession,
  forwardedCookie: string | null,
  upstreamHost: string,
  forwardedProto: string,
): OutgoingHttpHeaders {
  const listed = connectionListed(incoming.connection);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name) || name.startsWith('x-app-gateway-')) continue;
    if (name === 'cookie' || name === 'host' || name.startsWith('x-forwarded-') || name === 'forwarded') continue;
    out[name] = value;
  }
  if (forwardedCookie !== null) out.cookie = forwardedCookie;
  out.host = upstreamHost;
  out['x-forwarded-host'] = incoming.host ?? '';
  out['x-forwarded-proto'] = forwardedProto.replace(/:$/, '');
  out['x-app-gateway-assertion'] = session.token;
  out['x-app-gateway-user-id'] = session.sub;
  out['x-app-gateway-user-email'] = session.email ?? '';
  out['x-app-gateway-user-name'] = encodeURIComponent(session.name ?? '');
  out['x-app-gateway-org-id'] = session.org_id;
  if (session.orgRole !== null) out['x-app-gateway-org-role'] = session.orgRole;
  return out;
}

/** Headers for the client: the upstream's, minus hop-by-hop and any attempt to set the proxy's cookie. */
export function clientResponseHeaders(incoming: IncomingHttpHeaders, isProxyCookie: (setCookie: string) => boolean): OutgoingHttpHeaders {
  const listed = connectionListed(incoming.connection);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    out[name] = name === 'set-cookie' && Array.isArray(value) ? value.filter((c) => !isProxyCookie(c)) : value;
  }
  return out;
}

function connectionListed(connection: string | undefined): Set<string> {
  return new Set((connection ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));
}
