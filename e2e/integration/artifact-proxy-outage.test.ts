// The artifact proxy while the gateway's revocation feed cannot be read (SPEC §9, §11): it fails
// closed with a 503 to retry, and keeps the viewer's session cookie for when the feed is back.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sessionSetCookie } from '@/lib/artifact-proxy/session-cookie';
import { cookiePair, ORIGIN, startProxyWorld, type ProxyWorld } from './harness/artifact-proxy-fixture';

let w: ProxyWorld;
beforeAll(async () => {
  w = await startProxyWorld();
  w.feed.mode = 'server_error'; // before the proxy's first read
});
afterAll(async () => w?.close());

const navigate = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe', accept: 'text/html' };

describe('the revocation feed is down', () => {
  it('a token exchange answers 503 with Retry-After, and sets no cookie', async () => {
    const response = await w.exchange(await w.token());
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ status: 503, code: 'unavailable' });
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('a valid session cookie gets 503, is not cleared, and nothing reaches the upstream; once the feed answers it lets requests through', async () => {
    const token = await w.token();
    const cookie = cookiePair([sessionSetCookie({ key: w.config.keys.cookieKey, origin: ORIGIN, secure: true }, token, Math.floor(Date.now() / 1000) + 300)]);
    const before = w.seen.length;
    for (const headers of [{ cookie }, { cookie, ...navigate }]) {
      const response = await w.request('/api/data', { headers });
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.text).not.toContain('/.app-gateway/bootstrap.');
    }
    expect(w.seen.length).toBe(before);

    w.feed.mode = 'ok';
    await vi.waitFor(async () => expect((await w.request('/api/data', { headers: { cookie } })).status).toBe(200), { timeout: 25_000, interval: 500 });
    expect(w.seen.length).toBe(before + 1);
  }, 30_000);
});
