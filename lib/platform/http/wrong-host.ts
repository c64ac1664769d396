/**
 * Pages answer only at APP_URL's host: sign-in callbacks, the token issuer and the mint's Origin
 * check all name APP_URL, so a page opened at another host (127.0.0.1 for localhost, a server's
 * own name behind a load balancer) fails deep inside the viewer. In development the page moves to
 * APP_URL; in production the visitor gets a page that says which address to use.
 */
export type HostCheck = { ok: true } | { ok: false; host: string; location: string };

type Input = { host: string | null; forwardedHost: string | null; appUrl: string; trustedProxies: number; pathAndQuery: string };

export function checkHost({ host, forwardedHost, appUrl, trustedProxies, pathAndQuery }: Input): HostCheck {
  const app = new URL(appUrl);
  // Behind trusted proxies the public host is the one they forward (the last, when several did).
  const used = (trustedProxies > 0 && forwardedHost ? forwardedHost.split(',').pop()!.trim() : host) ?? '';
  const location = onAppUrl(appUrl, pathAndQuery);
  return normalizedHost(used, app.protocol) === app.host ? { ok: true } : { ok: false, host: used, location };
}

/** The same path and query on APP_URL's origin: appended, never resolved (`//other.example/` stays a path). */
export function onAppUrl(appUrl: string, pathAndQuery: string): string {
  return `${new URL(appUrl).origin}/${pathAndQuery.replace(/^\//, '')}`;
}

/** `localhost:80` and `localhost` are one host for http; anything unparsable matches nothing. */
function normalizedHost(host: string, protocol: string): string | null {
  try {
    return new URL(`${protocol}//${host}`).host;
  } catch {
    return null;
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The production answer to a page request at the wrong host: names APP_URL and the host used. */
export function wrongHostPage({ host, location }: { host: string; location: string }, appUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Wrong address — App Gateway</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>This is not the gateway's address</h1>
<p>This page was opened at <strong>${escapeHtml(host || '(no host)')}</strong>, but this gateway is configured to
answer at <strong>${escapeHtml(appUrl)}</strong> (<code>APP_URL</code>). Sign-in and apps only work there.</p>
<p><a href="${escapeHtml(location)}">Open ${escapeHtml(location)}</a></p>
<p style="color: #555">Operators: if ${escapeHtml(appUrl)} is not where viewers reach this gateway, set
<code>APP_URL</code> to that address; behind a proxy that forwards the public host in
<code>X-Forwarded-Host</code>, set <code>TRUSTED_PROXY_COUNT</code>.</p>
</body></html>
`;
}
