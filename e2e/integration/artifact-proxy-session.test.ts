// The artifact proxy's session (SPEC §11): nothing reaches the upstream without a verified app
// session, and only a token the gateway signed for this very app starts one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningKey, signToken, validClaims } from '@/lib/artifact-sdk/verify.fixtures';
import { hashedScriptPath } from '@/lib/artifact-proxy/scripts';
import { sessionSetCookie } from '@/lib/artifact-proxy/session-cookie';
import { APP, cookiePair, DOMAIN, GATEWAY, ORIGIN, startProxyWorld, untilRefusedUnforwarded, type ProxyWorld } from './harness/artifact-proxy-fixture';

let w: ProxyWorld;
beforeAll(async () => {
  w = await startProxyWorld();
});
afterAll(async () => w?.close());

const navigate = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe', accept: 'text/html' };
const now = () => Math.floor(Date.now() / 1000);

describe('without a session', () => {
  it('a page navigation gets the bootstrap page, anything else a 401 problem; nothing reaches the upstream', async () => {
    const before = w.seen.length;
    const page = await w.request('/some/page?x=1', { headers: navigate });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toMatch(/<script type="module" src="\/\.app-gateway\/bootstrap\.[A-Za-z0-9_-]{16}\.js"><\/script>/);
    expect(page.headers['content-security-policy']).toContain(`frame-ancestors ${GATEWAY}`);
    expect(page.headers['set-cookie']).toBeUndefined();

    for (const [method, headers] of [['GET', { 'sec-fetch-mode': 'cors' }], ['POST', navigate], ['GET', {}]] as const) {
      const refused = await w.request('/api/data', { method, headers, body: method === 'POST' ? 'x=1' : undefined });
      expect(refused.status).toBe(401);
      expect(refused.headers['content-type']).toBe('application/problem+json');
      expect(refused.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    }
    expect(w.seen.length).toBe(before);
  });

  it('serves the bootstrap script the page names, with the gateway origin built in, long-cached at a path of its bytes', async () => {
    const page = await w.request('/', { headers: navigate });
    const path = /src="(\/\.app-gateway\/bootstrap\.[A-Za-z0-9_-]+\.js)"/.exec(page.text)![1]!;
    const script = await w.request(path);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(path).toBe(hashedScriptPath('bootstrap', script.text));
    // The plain name, and a path of other bytes, are nothing of the proxy's.
    expect((await w.request('/.app-gateway/bootstrap.js')).status).toBe(404);
    expect((await w.request(path.replace(/\.[A-Za-z0-9_-]+\.js$/, '.AAAAAAAAAAAAAAAA.js'))).status).toBe(404);
    expect(script.text).toContain(JSON.stringify(GATEWAY));
    expect(script.text).toContain('/.app-gateway/session');
  });

  it('answers 404 for a host that is no proxied app, and 503 when the gateway cannot say', async () => {
    expect((await w.request('/', {}, `run-unknown.${DOMAIN}`)).status).toBe(404);
    expect((await w.request('/', {}, DOMAIN)).status).toBe(404);
    expect((await w.request('/', {}, 'run-acme-plain.elsewhere.test')).status).toBe(404);
    w.lookupFails.value = true;
    try {
      expect((await w.request('/', { headers: navigate })).status).toBe(503);
    } finally {
      w.lookupFails.value = false;
    }
  });
});

describe('POST /.app-gateway/session', () => {
  it('answers 204 with an HttpOnly, Partitioned, SameSite=None session cookie expiring with the token', async () => {
    const token = await w.token();
    const response = await w.exchange(token);
    expect(response.status).toBe(204);
    const [cookie] = response.headers['set-cookie'] ?? [];
    expect(cookie).toMatch(/^__Host-app_gateway_proxy_session=/);
    const attributes = cookie!.split('; ').slice(1);
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=None', 'Partitioned', 'Secure']));
    const maxAge = Number(attributes.find((a) => a.startsWith('Max-Age='))?.slice(8));
    expect(maxAge).toBeGreaterThan(290);
    expect(maxAge).toBeLessThanOrEqual(300);
  });

  it.each([
    ['wrong_audience', () => signToken(w.key, validClaims(GATEWAY, 'run_acme_dashboard'))],
    ['token_expired', () => w.token({ iat: now() - 400, nbf: now() - 400, exp: now() - 60 })],
    ['wrong_issuer', () => signToken(w.key, validClaims('http://evil.test', APP))],
    ['wrong_type', () => signToken(w.key, validClaims(GATEWAY, APP), { typ: 'JWT' })],
    ['unknown_key', async () => signToken({ ...(await createSigningKey('k1')), kid: 'other' }, validClaims(GATEWAY, APP))],
    ['bad_signature', async () => signToken(await createSigningKey('k1'), validClaims(GATEWAY, APP))],
    ['token_malformed', async () => 'not-a-jwt'],
    ['token_missing', async () => undefined],
  ])('refuses a token with %s: 401 and no cookie', async (code, make) => {
    const response = await w.exchange(await make());
    expect(response.status).toBe(401);
    // The one table's 401 (RFC 6750 invalid_token), the SDK's code as its reason.
    expect(response.json()).toMatchObject({ status: 401, code: 'unauthenticated', reason: code });
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a call from another origin (no login CSRF), bad JSON, and other methods', async () => {
    const token = await w.token();
    for (const origin of ['http://evil.test', `http://run-acme-dashboard.${DOMAIN}`, '']) {
      const response = await w.exchange(token, origin);
      expect(response.status).toBe(403);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const bad = await w.request('/.app-gateway/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: '{' });
    expect(bad.status).toBe(400);
    const text = await w.request('/.app-gateway/session', { method: 'POST', headers: { 'content-type': 'text/plain', origin: ORIGIN }, body: token });
    expect(text.status).toBe(415);
    expect((await w.request('/.app-gateway/session')).status).toBe(405);
  });
});

describe('the session cookie', () => {
  async function upstreamSees(cookie: string) {
    const before = w.seen.length;
    const response = await w.request('/api/data', { headers: { cookie } });
    return { response, reached: w.seen.length > before };
  }

  it('lets requests through while valid', async () => {
    const cookie = (await w.session()).cookie;
    const { response, reached } = await upstreamSees(cookie);
    expect(response.status).toBe(200);
    expect(reached).toBe(true);
  });

  it('ends within the feed poll once the gateway revokes its token (the viewer signed out)', async () => {
    const cookie = (await w.session({ sid: 'ses_signing_out' })).cookie;
    expect((await upstreamSees(cookie)).response.status).toBe(200);
    w.feed.revoke({ sid: 'ses_signing_out' });
    await untilRefusedUnforwarded(async () => {
      const { response, reached } = await upstreamSees(cookie);
      return { status: response.status, reached };
    });
  }, 30_000);

  it('is refused when tampered with, made for another origin, or holding an expired token: 401, cleared, nothing forwarded', async () => {
    const good = (await w.session()).cookie;
    const [name, value] = [good.slice(0, good.indexOf('=')), good.slice(good.indexOf('=') + 1)];
    const other = await w.token({ sub: 'usr_mallory' });
    const key = w.config.keys.cookieKey;
    const forged = [
      `${name}=${value.slice(0, -2)}AA`,
      `${name}=${other}~${value.split('~')[1]}`,
      `${name}=${other}`,
      cookiePair([sessionSetCookie({ key, origin: `http://run-acme-dashboard.${DOMAIN}`, secure: true }, other, now() + 300)]),
      cookiePair([sessionSetCookie({ key: Buffer.alloc(32, 1), origin: ORIGIN, secure: true }, other, now() + 300)]),
      cookiePair([sessionSetCookie({ key, origin: ORIGIN, secure: true }, await w.token({ iat: now() - 400, nbf: now() - 400, exp: now() - 30 }), now() + 300)]),
      cookiePair([sessionSetCookie({ key, origin: ORIGIN, secure: true }, await signToken(w.key, validClaims(GATEWAY, 'run_acme_dashboard')), now() + 300)]),
    ];
    for (const cookie of forged) {
      const { response, reached } = await upstreamSees(cookie);
      expect(response.status, cookie).toBe(401);
      expect(reached, cookie).toBe(false);
      expect(response.headers['set-cookie']?.[0], cookie).toMatch(/Max-Age=0/);
    }
  });

  it('ends at DELETE /.app-gateway/session', async () => {
    const response = await w.request('/.app-gateway/session', { method: 'DELETE', headers: { origin: ORIGIN } });
    expect(response.status).toBe(204);
    expect(response.headers['set-cookie']?.[0]).toMatch(/^__Host-app_gateway_proxy_session=; .*Max-Age=0/);
  });
});
