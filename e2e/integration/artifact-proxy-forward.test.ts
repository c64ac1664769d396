// The artifact proxy forwarding a verified session (SPEC §11): identity headers set by the proxy
// alone, bodies streamed both ways, upgrades relayed, malformed framing refused.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hashedScriptPath } from '@/lib/artifact-proxy/scripts';
import { GATEWAY, HOST, ORIGIN, proxyWorldWithViewer, viewerIdentityHeaders } from './harness/artifact-proxy-fixture';
import { rawExchange } from './harness/host-request';

const proxy = proxyWorldWithViewer();

const last = () => proxy.world.seen[proxy.world.seen.length - 1]!;

describe('forwarding', () => {
  it('sends method, path, query and body; sets the verified identity; drops forged X-App-Gateway-* headers and the proxy cookie', async () => {
    const response = await proxy.world.request('/api/items?sort=name&x=%C3%A9', {
      method: 'PUT',
      headers: {
        cookie: `theme=dark; ${proxy.cookie}; lang=en`,
        'content-type': 'application/json',
        'x-app-gateway-user-id': 'usr_mallory',
        'x-app-gateway-user-email': 'mallory@evil.test',
        'X-App-Gateway-Org-Role': 'owner',
        'x-app-gateway-anything': 'forged',
        'x-app-gateway-assertion': 'forged.token.value',
        'x-forwarded-host': 'evil.test',
      },
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    const seen = last();
    expect(seen.method).toBe('PUT');
    expect(seen.url).toBe('/api/items?sort=name&x=%C3%A9');
    expect(seen.bodyBytes).toBe(7);
    const gatewayHeaders = Object.fromEntries(Object.entries(seen.headers).filter(([n]) => n.startsWith('x-app-gateway-')));
    expect(gatewayHeaders).toEqual(viewerIdentityHeaders(proxy.token));
    expect(decodeURIComponent(seen.headers['x-app-gateway-user-name'] as string)).toBe('Zoë d’Arc');
    expect(seen.headers.cookie).toBe('theme=dark; lang=en');
    expect(seen.headers['x-forwarded-host']).toBe(HOST);
  });

  it('never passes an upstream’s attempt to set the proxy cookie; adds frame-ancestors and the renew script to HTML pages', async () => {
    const response = await proxy.world.request('/page', { headers: { cookie: proxy.cookie } });
    expect(response.headers['set-cookie']).toEqual(['app_pref=1']);
    expect(response.headers['content-security-policy']).toContain(`frame-ancestors ${GATEWAY}`);
    expect(response.text).toMatch(/^<!doctype html><title>upstream<\/title><p>hello<\/p><script type="module" src="\/\.app-gateway\/renew\.[A-Za-z0-9_-]{16}\.js"><\/script>$/);
    const path = /src="([^"]+)"/.exec(response.text)![1]!;
    const renew = await proxy.world.request(path);
    expect(renew.text).toContain('app-gateway:token');
    expect(renew.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(path).toBe(hashedScriptPath('renew', renew.text));
  });

  it('streams server-sent events: the first event arrives before the upstream has sent the second', async () => {
    const firstEvent = await new Promise<{ first: string; rest: Promise<string> }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: new URL(proxy.world.proxyUrl).port, path: '/sse', headers: { host: HOST, cookie: proxy.cookie, 'sec-fetch-site': 'same-origin', accept: 'text/event-stream' } }, (res) => {
        let text = '';
        let resolveRest: (v: string) => void = () => undefined;
        const rest = new Promise<string>((r) => (resolveRest = r));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text === 'data: first\n\n') resolve({ first: text, rest });
        });
        res.on('end', () => resolveRest(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(firstEvent.first).toBe('data: first\n\n');
    proxy.world.releaseSecondEvent();
    expect(await firstEvent.rest).toBe('data: first\n\ndata: second\n\n');
  });

  it('streams large bodies both ways (32 MiB up, 32 MiB down)', async () => {
    const up = Buffer.alloc(32 * 1024 * 1024, 3);
    const response = await proxy.world.request('/upload', { method: 'POST', headers: { cookie: proxy.cookie, 'content-type': 'application/octet-stream' }, body: up });
    expect(response.status).toBe(200);
    expect(last().bodyBytes).toBe(up.length);
    expect(last().bodySha256).toBe(createHash('sha256').update(up).digest('hex'));

    const down = await new Promise<{ bytes: number; sha: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: new URL(proxy.world.proxyUrl).port, path: '/download?mb=32', headers: { host: HOST, cookie: proxy.cookie, 'sec-fetch-site': 'same-origin' } }, (res) => {
        const hash = createHash('sha256');
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          hash.update(c);
        });
        res.on('end', () => resolve({ bytes, sha: hash.digest('hex') }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(down.bytes).toBe(32 * 1024 * 1024);
    expect(down.sha).toBe(createHash('sha256').update(Buffer.alloc(32 * 1024 * 1024, 7)).digest('hex'));
  });

  it('relays a WebSocket upgrade with a session, and refuses one without', async () => {
    const upgrade = (headers: Record<string, string>) =>
      new Promise<{ status: number; echo?: string; seenRole?: unknown }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: new URL(proxy.world.proxyUrl).port, path: '/ws', headers: { host: HOST, connection: 'Upgrade', upgrade: 'websocket', ...headers } });
        req.on('upgrade', (res, socket) => {
          socket.write('ping');
          socket.once('data', (data: Buffer) => {
            socket.destroy();
            resolve({ status: res.statusCode ?? 0, echo: data.toString(), seenRole: last().headers['x-app-gateway-user-id'] });
          });
        });
        req.on('response', (res) => resolve({ status: res.statusCode ?? 0 }));
        req.on('error', reject);
        req.end();
      });
    expect(await upgrade({ cookie: proxy.cookie, origin: ORIGIN, 'x-app-gateway-user-id': 'usr_mallory' })).toEqual({ status: 101, echo: 'ping', seenRole: 'user_alice' });
    const before = proxy.world.seen.length;
    expect((await upgrade({ origin: ORIGIN })).status).toBe(401);
    expect(proxy.world.seen.length).toBe(before);
  });
});

describe('request smuggling', () => {
  const raw = (bytes: string) => rawExchange(proxy.world.proxyUrl, bytes);
  const head = (lines: string[]) => `${[`Host: ${HOST}`, `Cookie: ${proxy.cookie}`, 'Sec-Fetch-Site: same-origin', ...lines].join('\r\n')}\r\n\r\n`;
  const smuggled = 'GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n';

  it.each([
    ['Content-Length with Transfer-Encoding', `POST /a HTTP/1.1\r\n${head(['Content-Length: 4', 'Transfer-Encoding: chunked'])}0\r\n\r\n${smuggled}`],
    ['two different Content-Lengths', `POST /a HTTP/1.1\r\n${head(['Content-Length: 4', 'Content-Length: 40'])}abcd${smuggled}`],
    ['an obs-fold header', `GET /a HTTP/1.1\r\n${head(['X-Folded: one', ' two'])}`],
    ['an obs-folded Transfer-Encoding', `POST /a HTTP/1.1\r\n${head(['Transfer-Encoding: identity', ' chunked', 'Content-Length: 4'])}abcd`],
    ['Transfer-Encoding not ending in chunked', `POST /a HTTP/1.1\r\n${head(['Transfer-Encoding: chunked, identity'])}0\r\n\r\n`],
    ['a malformed chunk size', `POST /a HTTP/1.1\r\n${head(['Transfer-Encoding: chunked'])}zz\r\nabc\r\n0\r\n\r\n`],
    ['a space before the header colon', `POST /a HTTP/1.1\r\n${head(['Content-Length : 4'])}abcd`],
  ])('refuses %s with 400, forwarding nothing', async (_name, bytes) => {
    const before = proxy.world.seen.length;
    const answer = await raw(bytes);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    expect(proxy.world.seen.length).toBe(before);
  });

  it('sends a chunked body up with its own framing, even on a GET', async () => {
    const answer = await raw(`GET /echo HTTP/1.1\r\n${head(['Transfer-Encoding: chunked', 'Connection: close'])}4\r\nabcd\r\n0\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(last()).toMatchObject({ method: 'GET', url: '/echo', bodyBytes: 4 });
    expect(proxy.world.seen.some((s) => s.url === '/smuggled')).toBe(false);
  });
});
