// Requests the app's own pages did not make (SPEC §11 amended): the proxy's cookie is partitioned by
// the gateway's site, so any artifact the viewer frames can make the browser send it. Only
// `Sec-Fetch-Site: same-origin` carries the viewer's identity; a cross-site frame navigation gets the
// bootstrap page (which asks the gateway, as its parent, first); everything else a 403, and nothing
// reaches the upstream. Upgrades need the app's own Origin, and only WebSocket is relayed.
import { describe, expect, it } from 'vitest';
import { DOMAIN, HOST, ORIGIN, proxyWorldWithViewer } from './harness/artifact-proxy-fixture';
import { hostRequest } from './harness/host-request';
import { proxyUpgrade } from './harness/proxy-upgrade';

const proxy = proxyWorldWithViewer();

const HOSTILE = 'http://hostile.apps.localhost:3100';
/** Another proxied app: a different origin, but the same site as this one. */
const SIBLING = `http://run-acme-dashboard.${DOMAIN}`;

/** Sends exactly these headers (no Sec-Fetch-Site unless given) with the viewer's valid session cookie. */
const send = (method: string, headers: Record<string, string>, body?: string, path = '/api/data') =>
  hostRequest(proxy.world.proxyUrl, HOST, path, { method, headers: { cookie: proxy.cookie, ...headers }, body });

/** Runs `act` and answers whether anything reached the upstream meanwhile. */
async function upstreamReached<T>(act: () => Promise<T>): Promise<{ result: T; reached: boolean }> {
  const before = proxy.world.seen.length;
  const result = await act();
  return { result, reached: proxy.world.seen.length > before };
}

const frameNavigation = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe', accept: 'text/html' };

describe('with the viewer’s valid session cookie, a request the app’s own pages did not make', () => {
  it.each([
    ['a no-cors fetch POST from another site', 'POST', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'empty', origin: HOSTILE, 'content-type': 'text/plain' }, 'delete=all'],
    ['a form POST from another site, into a frame', 'POST', { 'sec-fetch-site': 'cross-site', ...frameNavigation, origin: HOSTILE, 'content-type': 'application/x-www-form-urlencoded' }, 'delete=all'],
    ['a top-level form POST from another site', 'POST', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', origin: HOSTILE, 'content-type': 'application/x-www-form-urlencoded' }, 'delete=all'],
    ['an <img> on another site', 'GET', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' }, undefined],
    ['a <script> on another site', 'GET', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' }, undefined],
    ['a CORS fetch from another site', 'GET', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty', origin: HOSTILE }, undefined],
    ['a fetch from a sibling app (same-site)', 'GET', { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty', origin: SIBLING }, undefined],
    ['a form POST from a sibling app (same-site)', 'POST', { 'sec-fetch-site': 'same-site', ...frameNavigation, origin: SIBLING, 'content-type': 'application/x-www-form-urlencoded' }, 'delete=all'],
    ['an <img> on a sibling app (same-site)', 'GET', { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' }, undefined],
    ['a request that is no navigation with Sec-Fetch-Site: none', 'GET', { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'empty' }, undefined],
    ['a request without Sec-Fetch-Site', 'GET', {}, undefined],
    ['a POST without Sec-Fetch-Site', 'POST', { 'content-type': 'application/json' }, '{}'],
  ])('%s: 403 cross_site problem, nothing forwarded', async (_name, method, headers, body) => {
    const { result, reached } = await upstreamReached(() => send(method, headers, body));
    expect(result.status).toBe(403);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(result.json()).toMatchObject({ status: 403, code: 'cross_site' });
    expect(result.headers['set-cookie']).toBeUndefined();
    expect(reached).toBe(false);
  });

  it.each([
    ['a frame navigation from another site (an artifact nesting the app)', { 'sec-fetch-site': 'cross-site', ...frameNavigation }],
    ['a frame navigation from a sibling app (same-site)', { 'sec-fetch-site': 'same-site', ...frameNavigation }],
    ['a top-level navigation typed by the user', { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', accept: 'text/html' }],
    ['a top-level navigation from a link on another site', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', accept: 'text/html' }],
    ['a page load without fetch metadata', { accept: 'text/html' }],
  ])('%s: the bootstrap page, never the app’s content, nothing forwarded', async (_name, headers) => {
    const { result, reached } = await upstreamReached(() => send('GET', headers, undefined, '/'));
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(result.text).toMatch(/<script type="module" src="\/\.app-gateway\/bootstrap\.[A-Za-z0-9_-]{16}\.js"><\/script>/);
    expect(result.headers['content-security-policy']).toContain('frame-ancestors http://localhost:3000');
    expect(reached).toBe(false);
  });
});

describe('the app’s own pages', () => {
  it('reach the upstream with the viewer’s identity (Sec-Fetch-Site: same-origin): the reload after the bootstrap, fetches, form posts', async () => {
    for (const [method, headers, body] of [
      ['GET', { 'sec-fetch-site': 'same-origin', ...frameNavigation }, undefined],
      ['GET', { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' }, undefined],
      ['POST', { 'sec-fetch-site': 'same-origin', ...frameNavigation, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'],
    ] as const) {
      const { result, reached } = await upstreamReached(() => send(method, headers, body));
      expect(result.status).toBe(200);
      expect(reached).toBe(true);
      expect(proxy.world.seen[proxy.world.seen.length - 1]!.headers['x-app-gateway-user-id']).toBe('user_alice');
    }
  });

  it('still load the proxy’s own scripts from anywhere, and only this origin can start a session', async () => {
    const page = await send('GET', { 'sec-fetch-site': 'cross-site', ...frameNavigation }, undefined, '/');
    const path = /src="(\/\.app-gateway\/bootstrap\.[A-Za-z0-9_-]+\.js)"/.exec(page.text)![1]!;
    const script = await send('GET', { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' }, undefined, path);
    expect(script.status).toBe(200);
    const exchange = await hostRequest(proxy.world.proxyUrl, HOST, '/.app-gateway/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: HOSTILE, 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ token: await proxy.world.token() }),
    });
    expect(exchange.status).toBe(403);
  });
});

describe('WebSocket upgrades', () => {
  const upgrade = (headers: Record<string, string>, path = '/ws') => upstreamReached(() => proxyUpgrade(proxy.world.proxyUrl, HOST, path, { cookie: proxy.cookie, ...headers }));

  it('from the app’s own page (Origin is this app’s; Chromium sends no fetch metadata on them) are relayed', async () => {
    const { result, reached } = await upgrade({ origin: ORIGIN });
    expect(result.status).toBe(101);
    expect(await result.tunnel!.echo('ping')).toBe('ping');
    result.tunnel!.close();
    expect(reached).toBe(true);
  });

  it.each([
    ['from another site', { origin: HOSTILE }],
    ['from a sibling app (same-site)', { origin: SIBLING }],
    ['without an Origin', {}],
    ['from an opaque origin (a sandboxed frame)', { origin: 'null' }],
    ['with this app’s Origin but Sec-Fetch-Site: cross-site', { origin: ORIGIN, 'sec-fetch-site': 'cross-site' }],
    ['with this app’s Origin but Sec-Fetch-Site: same-site', { origin: ORIGIN, 'sec-fetch-site': 'same-site' }],
  ])('%s: 403 cross_site, nothing forwarded, no tunnel', async (_name, headers) => {
    const { result, reached } = await upgrade(headers);
    expect(result.status).toBe(403);
    expect(JSON.parse(result.body || '{}')).toMatchObject({ status: 403, code: 'cross_site' });
    expect(reached).toBe(false);
  });

  it.each([
    ['h2c', { upgrade: 'h2c', 'http2-settings': 'AAMAAABkAARAAAAAAAIAAAAA' }],
    ['an unknown protocol', { upgrade: 'tls/1.3' }],
    ['websocket offered alongside another', { upgrade: 'h2c, websocket' }],
  ])('asking for %s instead of websocket: 400, nothing forwarded', async (_name, headers) => {
    const { result, reached } = await upgrade({ origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...headers });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.body || '{}')).toMatchObject({ status: 400, code: 'unsupported_upgrade' });
    expect(reached).toBe(false);
  });
});
