import type { Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { freePort } from './built-server';

export type IdpPerson = { email: string; email_verified: boolean; name: string };

/**
 * A real OpenID provider (panva/oidc-provider, its own login and consent pages) whose accounts are
 * `people`, keyed by their subject, which is also the login typed on its form; the gateway is its one client, `gateway`/`gateway-secret`.
 */
export async function startOidcIdp(people: Record<string, IdpPerson>, gatewayAppUrl: string): Promise<{ issuer: string; close: () => void }> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'gateway', client_secret: 'gateway-secret', redirect_uris: [`${gatewayAppUrl}/api/auth/callback/oidc`] }],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test', alg: 'RS256', use: 'sig' }] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['a-test-cookie-key-of-some-length'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, ...people[sub] }) }),
  });
  const server: Server = provider.listen(port);
  return { issuer, close: () => server.close() };
}

/**
 * Signs in as the provider's subject `login` the way a browser does, over plain HTTP: the gateway's
 * `POST /api/auth/signin/oidc`, the provider's login (and consent) forms, the gateway's callback.
 * The gateway answers as `appUrl` while listening at `gatewayUrl`, so its redirects are followed there.
 * `beforeCallback`, when given, is awaited just before the gateway's callback (to make two sign-ins reach it together).
 * Returns where the gateway sent the browser at the end and the session cookie it set, if any.
 */
export async function oidcSignIn(gatewayUrl: string, appUrl: string, login: string, beforeCallback?: () => Promise<void>): Promise<{ landed: URL; cookie: string | null }> {
  const jars = new Map<string, Map<string, string>>();
  const call = async (url: URL, init: { method?: string; form?: Record<string, string> } = {}) => {
    const target = url.origin === appUrl ? new URL(url.pathname + url.search, gatewayUrl) : url;
    const jar = jars.get(target.origin) ?? jars.set(target.origin, new Map()).get(target.origin)!;
    const res = await fetch(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form) : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, eq), pair!.slice(eq + 1)];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0\b/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };

  const csrf = (await (await call(new URL('/api/auth/csrf', appUrl))).json()) as { csrfToken: string };
  let res = await call(new URL('/api/auth/signin/oidc', appUrl), { method: 'POST', form: { csrfToken: csrf.csrfToken, callbackUrl: `${appUrl}/` } });
  let url = new URL(res.url);
  for (let step = 0; step < 20; step++) {
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      // The gateway's last answer: the page it sends the browser to.
      if (next.origin === appUrl && !next.pathname.startsWith('/api/auth/callback/')) {
        const session = jars.get(new URL(gatewayUrl).origin)?.get('authjs.session-token');
        return { landed: next, cookie: session ? `authjs.session-token=${session}` : null };
      }
      url = next;
      if (next.pathname.startsWith('/api/auth/callback/')) await beforeCallback?.();
      res = await call(url);
      continue;
    }
    // One of the provider's pages: its form (login, then consent) posted as a person would.
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action || !prompt) throw new Error(`unexpected page at ${url} (${res.status}): ${html.slice(0, 500)}`);
    url = new URL(action, url);
    res = await call(url, { method: 'POST', form: prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt } });
  }
  throw new Error(`sign-in as ${login} did not end`);
}
