import type { OutgoingHttpHeaders } from 'node:http';
import { connectionListed, HOP_BY_HOP } from './hop-by-hop';
import { upstreamSetCookies } from './upstream-set-cookie';

/** An upstream's answer's headers, as undici gives them: lower-case names, a repeated one as a list. */
export type UpstreamHeaders = Record<string, string | string[] | undefined>;

/** Headers for the client: the upstream's, minus hop-by-hop ones, its cookies host-only and never the proxy's. */
export function clientResponseHeaders(incoming: UpstreamHeaders): OutgoingHttpHeaders {
  const listed = connectionListed(incoming);
  const out: OutgoingHttpHeaders = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    out[name] = name === 'set-cookie' ? upstreamSetCookies(Array.isArray(value) ? value : [value]) : value;
  }
  return out;
}

/** Headers of an upstream's 101: filtered like any answer, with the switch's own `Upgrade` and `Connection` restated. */
export function switchingProtocolsHeaders(incoming: UpstreamHeaders): OutgoingHttpHeaders {
  const out = clientResponseHeaders(incoming);
  if (incoming.upgrade !== undefined) (out as Record<string, string | string[]>).upgrade = incoming.upgrade;
  out.connection = 'Upgrade';
  return out;
}
