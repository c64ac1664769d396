import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, startBuiltServer } from './harness/built-server';
import { cli } from './harness/cli';
import { copyPgliteTemplate } from './harness/pglite-template';

type Server = Awaited<ReturnType<typeof startBuiltServer>>;

async function signInCookies(url: string): Promise<string[]> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') },
    body: new URLSearchParams({ email: 'alice@acme.test', password: 'demo-password', csrfToken }),
  });
  return res.headers.getSetCookie();
}

/** Headers and cookie attributes of the production build, served as http and behind an https origin. */
describe('security headers and session cookies', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agw-headers-'));
  let http: Server;
  let https: Server;

  beforeAll(async () => {
    assertBuilt();
    const env = { PGLITE_DIR: path.join(dir, 'a') };
    for (const db of ['a', 'b']) copyPgliteTemplate(path.join(dir, db));
    expect((await cli(['seed'], env)).code).toBe(0);
    expect((await cli(['seed'], { PGLITE_DIR: path.join(dir, 'b') })).code).toBe(0);
    http = await startBuiltServer(env);
    // Behind a TLS-terminating proxy: the public origin is https, the process serves http.
    https = await startBuiltServer({ PGLITE_DIR: path.join(dir, 'b'), APP_URL: 'https://gateway.example' });
  }, 180_000);
  afterAll(async () => {
    await Promise.all([http?.stop(), https?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('no X-Powered-By, nosniff and no-referrer everywhere; no HSTS over plain http', async () => {
    for (const p of ['/', '/signin', '/healthz', '/.well-known/jwks.json', '/api/auth/csrf', '/v1/openapi.json']) {
      const res = await fetch(`${http.url}${p}`, { redirect: 'manual' });
      expect(res.headers.get('x-powered-by'), p).toBeNull();
      expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), p).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security'), p).toBeNull();
    }
  });

  it('HSTS on pages, the API and sign-in when the public origin is https', async () => {
    for (const p of ['/signin', '/healthz', '/.well-known/jwks.json', '/api/auth/csrf']) {
      const res = await fetch(`${https.url}${p}`, { redirect: 'manual' });
      expect(res.headers.get('strict-transport-security'), p).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    }
  });

  it('the session cookie is HttpOnly, SameSite=Lax, path-wide, and Secure with the __Secure- prefix behind https', async () => {
    const plain = (await signInCookies(http.url)).find((c) => c.startsWith('authjs.session-token='));
    expect(plain).toMatch(/; HttpOnly/i);
    expect(plain).toMatch(/; SameSite=Lax/i);
    expect(plain).toMatch(/; Path=\//i);
    const secure = (await signInCookies(https.url)).find((c) => c.startsWith('__Secure-authjs.session-token='));
    expect(secure).toBeDefined();
    expect(secure).toMatch(/; Secure/i);
    expect(secure).toMatch(/; HttpOnly/i);
    expect(secure).toMatch(/; SameSite=Lax/i);
  });
});
