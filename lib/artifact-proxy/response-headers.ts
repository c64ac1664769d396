import type { OutgoingHttpHeaders } from 'node:http';
import { connectionListed, HOP_BY_HOP } from './hop-by-hop';
import { upstreamSetCookies } from './upstream-set-cookie';

/** An upstream's answer's headers, as undici gives them: lower-case names, a repeated one as a list. */
export type UpstreamHeaders = Record<string, string | string[] | undefined>;

/**
 * Headers for the client: the upstream's, minus hop-by-hop ones, its cookies host-only and never the
 * proxy's. No `X-App-Gateway-*` header goes back (in any spelling), nor any header carrying the access
 * token the proxy sent up (`secret`): an upstream that echoes its request headers leaks neither.
 */
export function clientResponseHeaders(incoming: UpstreamHeaders, secret: string | null = null): OutgoingHttpHeaders {
  const listed = connectionListed(incoming);
  const out: OutgoingHttpHeaders = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name) || isGatewayHeader(name)) continue;
    if (secret !== null && (Array.isArray(value) ? value : [value]).some((v) => v.includes(secret))) continue;
    out[name] = name === 'set-cookie' ? upstreamSetCookies(Array.isArray(value) ? value : [value]) : value;
  }
  return out;
}

const isGatewayHeader = (name: string) => /^x[-_]app[-_]gateway[-_]/.test(name);

/** Headers of an upstream's 101: filtered like any answer, with the switch's own `Upgrade` and `Connection` restated. */
export function switchingProtocolsHeaders(incoming: UpstreamHeaders, secret: string | null = null): OutgoingHttpHeaders {
  const out = clientResponseHeaders(incoming, secret);
  if (incoming.upgrade !== undefined) (out as Record<string, string | string[]>).upgrade = incoming.upgrade;
  out.connection = 'Upgrade';
  return out;
}
