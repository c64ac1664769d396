import { isProxyCookieName } from './session-cookie';

/**
 * An upstream's `Set-Cookie` as the client may receive it: null when it would set the proxy's own
 * cookie; otherwise without any `Domain` attribute, so that the cookie stays host-only on this app's
 * origin and never reaches a sibling app under the proxy's domain. Read as browsers read it
 * (RFC 6265bis §5.6): split at `;`, names trimmed, attribute names in any case.
 */
function upstreamSetCookie(line: string): string | null {
  const semicolon = line.indexOf(';');
  const pair = semicolon === -1 ? line : line.slice(0, semicolon);
  if (isProxyCookieName(nameSentBack(pair))) return null;
  if (semicolon === -1 || !/domain/i.test(line)) return line;
  const kept = [pair.trim()];
  for (const part of line.slice(semicolon + 1).split(';')) {
    const attribute = part.trim();
    const eq = attribute.indexOf('=');
    const name = (eq === -1 ? attribute : attribute.slice(0, eq)).trim().toLowerCase();
    if (attribute !== '' && name !== 'domain') kept.push(attribute);
  }
  return kept.join('; ');
}

/** Every `Set-Cookie` of an upstream's answer, filtered as above. */
export function upstreamSetCookies(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const kept = upstreamSetCookie(line);
    if (kept !== null) out.push(kept);
  }
  return out;
}

/**
 * The name a browser sends the cookie back under. A nameless cookie (`=a=b`, or `a` with no `=`)
 * comes back as its bare value, which the proxy reads as a cookie named by what precedes its `=`.
 */
function nameSentBack(pair: string): string {
  const eq = pair.indexOf('=');
  const name = eq === -1 ? '' : pair.slice(0, eq).trim();
  if (name !== '') return name;
  const value = eq === -1 ? pair : pair.slice(eq + 1);
  const inner = value.indexOf('=');
  return (inner === -1 ? value : value.slice(0, inner)).trim();
}
