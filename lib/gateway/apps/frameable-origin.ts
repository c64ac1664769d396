/**
 * The origin an artifact may be framed from, or null when its URL must not be framed: not http(s),
 * or the same site as the gateway. The viewer's iframe has `allow-scripts allow-same-origin`, which
 * is only safe for a cross-site document (a same-site one could reach into the gateway's cookies).
 */
export function frameableArtifactOrigin(artifactUrl: string, gatewayOrigin: string): string | null {
  let artifact: URL;
  let gateway: URL;
  try {
    artifact = new URL(artifactUrl);
    gateway = new URL(gatewayOrigin);
  } catch {
    return null;
  }
  if (artifact.protocol !== 'https:' && artifact.protocol !== 'http:') return null;
  if (artifact.username || artifact.password) return null;
  if (siteOf(artifact.hostname) === siteOf(gateway.hostname)) return null;
  return artifact.origin;
}

/**
 * A conservative stand-in for the registrable domain: IP addresses and single-label hosts are
 * their own site; otherwise the last two labels. Two hosts under a multi-part public suffix
 * (a.co.uk, b.co.uk) then count as one site, which only ever refuses more, never less.
 */
function siteOf(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host)) return host;
  const labels = host.split('.');
  return labels.slice(-2).join('.');
}

/** `<artifactUrl>#app_token=<jwt>`: the token rides in the fragment, which no request ever carries. */
export function artifactUrlWithToken(artifactUrl: string, token: string): string {
  const url = new URL(artifactUrl);
  url.hash = `app_token=${encodeURIComponent(token)}`;
  return url.href;
}
