// A path that climbs out of the upstream's base path (one tenant of a shared upstream, at
// `/tenantA/`) is refused with 400 before anything is forwarded: dot segments, plain or encoded,
// encoded slashes and backslashes, in any case. Sent over raw sockets: Node's parser passes the
// request line through as written, so this is exactly what a hostile client can send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiePair, startProxyWorld, TENANT_APP, TENANT_HOST, TENANT_ORIGIN, type ProxyWorld } from './harness/artifact-proxy-fixture';
import { rawExchange } from './harness/host-request';

let w: ProxyWorld;
let cookie: string;
beforeAll(async () => {
  w = await startProxyWorld();
  const token = await w.token({ aud: TENANT_APP });
  const session = await w.request(
    '/.app-gateway/session',
    { method: 'POST', headers: { 'content-type': 'application/json', origin: TENANT_ORIGIN }, body: JSON.stringify({ token }) },
    TENANT_HOST,
  );
  cookie = cookiePair(session.headers['set-cookie']);
});
afterAll(async () => w?.close());

/** One request with this exact request target, as the app's own page would send it otherwise; answers status line and body. */
const raw = async (target: string, extra: string[] = []) => {
  const head = [`GET ${target} HTTP/1.1`, `Host: ${TENANT_HOST}`, `Cookie: ${cookie}`, 'Sec-Fetch-Site: same-origin', `Origin: ${TENANT_ORIGIN}`, 'Connection: close', ...extra];
  const text = await rawExchange(w.proxyUrl, `${head.join('\r\n')}\r\n\r\n`);
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf('\r\n\r\n') + 4) };
};

const ESCAPES = [
  '/../tenantB/secret.txt',
  '/%2e%2e/tenantB/secret.txt',
  '/%2E%2E/tenantB/secret.txt',
  '/.%2e/tenantB/secret.txt',
  '/%2e./tenantB/secret.txt',
  '/docs/../../tenantB/secret.txt',
  '/docs/%2e%2e/%2e%2e/tenantB/secret.txt',
  '/..;/tenantB/secret.txt',
  '/%252e%252e/tenantB/secret.txt',
  '/..%2ftenantB%2fsecret.txt',
  '/..%2FtenantB/secret.txt',
  '/%2e%2e%2ftenantB/secret.txt',
  '/..%5ctenantB%5csecret.txt',
  '/..%5CtenantB/secret.txt',
  '/..\\tenantB\\secret.txt',
  '/docs\\..\\..\\tenantB/secret.txt',
  '/./secret.txt',
  '/docs/..',
  'http://upstream.internal/tenantB/secret.txt',
  '*',
];

describe('a request target that could leave the upstream’s base path', () => {
  it.each(ESCAPES)('%s: 400 invalid_path problem, nothing forwarded', async (target) => {
    const before = w.seen.length;
    const answer = await raw(target);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: 'invalid_path' });
    expect(w.seen.length).toBe(before);
  });

  it.each(['/../tenantB/ws', '/%2e%2e/tenantB/ws', '/..%2ftenantB/ws'])('%s as a WebSocket upgrade: 400, nothing forwarded', async (target) => {
    const before = w.seen.length;
    const answer = await raw(target, ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: 'invalid_path' });
    expect(w.seen.length).toBe(before);
  });
});

describe('paths that stay inside it', () => {
  it.each([
    ['/secret.txt', '/tenantA/secret.txt'],
    ['/docs/v1.2/..notes/.hidden/file..txt', '/tenantA/docs/v1.2/..notes/.hidden/file..txt'],
    ['/search?q=../../etc&path=%2e%2e%2fx', '/tenantA/search?q=../../etc&path=%2e%2e%2fx'],
    ['/caf%C3%A9/100%25', '/tenantA/caf%C3%A9/100%25'],
  ])('%s reaches the upstream as %s', async (target, upstreamPath) => {
    const answer = await raw(target);
    expect(answer.status).toBe(200);
    expect(w.seen[w.seen.length - 1]!.url).toBe(upstreamPath);
  });
});
