// Cookies an upstream sets (SPEC §10, §11): always host-only, so no app can set a cookie for its
// siblings on the proxy's domain, and never the proxy's own session cookie — in a plain response or
// in a 101 that switches to WebSocket.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HOST, ORIGIN, proxyWorldWithViewer } from './harness/artifact-proxy-fixture';

const proxy = proxyWorldWithViewer();

/** Opens `/ws/cookies` as the app's own page would; answers the 101's headers as the client received them. */
const upgrade = () =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: new URL(proxy.world.proxyUrl).port,
      path: '/ws/cookies',
      headers: { host: HOST, cookie: proxy.cookie, origin: ORIGIN, 'sec-fetch-site': 'same-origin', connection: 'Upgrade', upgrade: 'websocket' },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('response', (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    req.on('error', reject);
    req.end();
  });

describe('an upstream’s Set-Cookie', () => {
  it('loses its Domain attribute in any case and spacing, and the proxy’s cookie under either name is dropped — only that exact name', async () => {
    const response = await proxy.world.request('/cookies', { headers: { cookie: proxy.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers['set-cookie']).toEqual([
      'app_pref=1; Path=/',
      'theme=dark; Path=/; HttpOnly',
      'lang=en; Secure',
      'my_app_gateway_proxy_session=kept; Path=/',
      'APP_GATEWAY_PROXY_SESSION=kept',
    ]);
  });

  it('in a 101 is filtered like any other answer: WebSocket headers kept, hop-by-hop ones and the proxy’s cookie dropped, Domain removed', async () => {
    const { status, headers } = await upgrade();
    expect(status).toBe(101);
    expect(headers).toMatchObject({
      upgrade: 'websocket',
      connection: 'Upgrade',
      'sec-websocket-accept': 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
      'sec-websocket-protocol': 'chat',
      'x-upstream-note': 'kept',
      'set-cookie': ['ws_pref=1; Path=/'],
    });
    expect(headers['keep-alive']).toBeUndefined();
    expect(headers['x-hop']).toBeUndefined();
  });
});
