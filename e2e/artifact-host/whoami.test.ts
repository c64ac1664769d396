import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFeedServer, type FeedServer } from '../../lib/artifact-sdk/revocation-feed.fixtures';
import { closedPortOrigin, signToken, startPublishedKey, validClaims, type RecordingServer, type SigningKey } from '../../lib/artifact-sdk/verify.fixtures';
import { hostRequest } from '../integration/harness/host-request';
import { createArtifactHostServer } from './app';
import type { ArtifactHostConfig } from './config';

const GATEWAY = 'http://localhost:3000';
const APP = 'run_acme_dashboard';
const DOMAIN = 'apps.localhost:3100';
const HOST = `run-acme-dashboard.${DOMAIN}`;
let key: SigningKey;
let jwks: RecordingServer;
let feed: FeedServer;
let host: Server;
let baseUrl: string;
const logLines: string[] = [];

async function startHost(jwksUrl: string, revocationUrl = feed.feedUrl): Promise<{ server: Server; url: string }> {
  const config: ArtifactHostConfig = {
    domain: DOMAIN,
    listenHost: '127.0.0.1',
    listenPort: 0,
    gatewayOrigin: GATEWAY,
    jwksUrl,
    revocationUrl,
    plainUpstream: null,
    platformApi: null,
    viewerExchange: null,
  };
  const server = await createArtifactHostServer(config, { log: (line) => logLines.push(line) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

const get = (path: string, headers: Record<string, string> = {}, host = HOST, base = baseUrl) => hostRequest(base, host, path, { headers });
const whoami = (token?: string, host = HOST, base = baseUrl) =>
  get('/api/whoami', token === undefined ? {} : { Authorization: `Bearer ${token}` }, host, base);

beforeAll(async () => {
  ({ key, jwks } = await startPublishedKey('k1'));
  feed = await startFeedServer();
  ({ server: host, url: baseUrl } = await startHost(jwks.jwksUrl));
});
afterAll(async () => {
  await stop(host);
  await jwks.close();
  await feed.close();
});

describe('GET /api/whoami on an app origin', () => {
  it('answers 200 with the verified claims', async () => {
    const claims = validClaims(GATEWAY, APP);
    const response = await whoami(await signToken(key, claims));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual(claims);
  });

  it('answers a guest token (SPEC §15) with role "guest": the sample artifact opts in to guests', async () => {
    const now = Math.floor(Date.now() / 1000);
    const guest = { iss: GATEWAY, aud: APP, sub: 'gst_0123456789abcdef01234567', name: 'Guest', sid: 'gss_0123456789abcdef01234567', org_role: 'guest', auth_via: 'public', iat: now, nbf: now, exp: now + 300, jti: 'jti_0123456789abcdef0123456789abcdef' };
    const response = await whoami(await signToken(key, guest, { typ: 'app-guest+jwt' }));
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ role: 'guest', org_role: 'guest', name: 'Guest', email: null, share_id: null });
  });

  it('answers 401 token_missing with a Bearer challenge when no token is sent', async () => {
    const response = await whoami();
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json()).toEqual({
      type: 'urn:app-gateway:problem:token_missing',
      title: 'Invalid app session token',
      status: 401,
      detail: expect.any(String),
      code: 'token_missing',
    });
  });

  it.each([
    ['wrong_audience', () => signToken(key, validClaims(GATEWAY, 'run_globex_tracker'))],
    ['wrong_issuer', () => signToken(key, validClaims('http://127.0.0.1:3000', APP))],
    ['wrong_type', () => signToken(key, validClaims(GATEWAY, APP), { typ: 'JWT' })],
    ['unknown_key', () => signToken({ ...key, kid: 'retired' }, validClaims(GATEWAY, APP))],
    ['token_expired', () => signToken(key, { ...validClaims(GATEWAY, APP), exp: Math.floor(Date.now() / 1000) - 120 })],
    ['bad_signature', async () => `${(await signToken(key, validClaims(GATEWAY, APP))).slice(0, -4)}AAAA`],
    ['token_malformed', async () => 'not-a-jwt'],
  ])('answers 401 %s', async (code, makeToken) => {
    const response = await whoami(await makeToken());
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(response.json()).toMatchObject({ status: 401, code });
  });

  it('answers 401 token_malformed for a non-Bearer Authorization header', async () => {
    const response = await get('/api/whoami', { Authorization: 'Basic dXNlcjpwYXNz' });
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject({ code: 'token_malformed' });
  });

  it('answers 401 wrong_audience on another app’s origin; an id differing only in case shares the origin (which the gateway gives to one app only)', async () => {
    const token = await signToken(key, validClaims(GATEWAY, APP));
    expect((await whoami(token, `run-globex-tracker.${DOMAIN}`)).json()).toMatchObject({ status: 401, code: 'wrong_audience' });
    const sameLabel = await signToken(key, validClaims(GATEWAY, 'RUN_ACME_DASHBOARD'));
    const response = await whoami(sameLabel);
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ aud: 'RUN_ACME_DASHBOARD' });
  });

  it.each([
    ['jwks_unavailable', 'the gateway keys cannot be fetched', async () => startHost(`${await closedPortOrigin()}/.well-known/jwks.json`)],
    ['revocations_unavailable', 'the revocation feed cannot be read', async () => startHost(jwks.jwksUrl, `${await closedPortOrigin()}/v1/app-gateway/revocations`)],
  ])('answers 503 %s, with Retry-After, when %s', async (code, _when, startHostWithSourceDown) => {
    const down = await startHostWithSourceDown();
    try {
      const response = await whoami(await signToken(key, validClaims(GATEWAY, APP)), HOST, down.url);
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('10');
      expect(response.json()).toMatchObject({ status: 503, code });
    } finally {
      await stop(down.server);
    }
  });

  it('answers 401 token_revoked for a token whose session had ended when the host started', async () => {
    feed.revoke({ sid: 'sess_ended_before' });
    const fresh = await startHost(jwks.jwksUrl);
    try {
      const issuedBefore = validClaims(GATEWAY, APP, Math.floor(Date.now() / 1000) - 5);
      const response = await whoami(await signToken(key, { ...issuedBefore, sid: 'sess_ended_before' }), HOST, fresh.url);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(response.json()).toMatchObject({ status: 401, code: 'token_revoked' });
    } finally {
      await stop(fresh.server);
    }
  });

  it("refuses a signed-out viewer's still-unexpired token at its next feed poll (every 10 s)", async () => {
    // A host of its own whose poll timer, set after its first read of the feed, runs on a fake clock:
    // the feed, HTTP and sockets stay real, and the 10 s to the next poll pass at once.
    const fresh = await startHost(jwks.jwksUrl);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const token = await signToken(key, { ...validClaims(GATEWAY, APP), sid: 'sess_signing_out' });
      expect((await whoami(token, HOST, fresh.url)).status).toBe(200);
      feed.revoke({ sid: 'sess_signing_out' });
      const asked = feed.feedRequests.length;
      await vi.advanceTimersByTimeAsync(10_000);
      // vi.waitFor moves the fake clock by its interval at each check: it waits for this poll, and
      // no later one starts.
      const settled = { timeout: 5_000, interval: 10 };
      await vi.waitFor(() => expect(feed.feedRequests.length, 'no poll asked the feed').toBeGreaterThan(asked), settled);
      await vi.waitFor(async () => {
        const response = await whoami(token, HOST, fresh.url);
        expect(response.json()).toMatchObject({ status: 401, code: 'token_revoked' });
      }, settled);
    } finally {
      vi.useRealTimers();
      await stop(fresh.server);
    }
  });

  it('never writes a token to the log', async () => {
    const token = await signToken(key, validClaims(GATEWAY, APP));
    await whoami(token);
    await whoami(token, `run-other.${DOMAIN}`);
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toContain(token.split('.')[2]);
  });
});

describe('the rest of the artifact host', () => {
  it('sends the security headers on every response', async () => {
    for (const path of ['/healthz', '/', '/sdk/browser.js', '/api/whoami', '/nope']) {
      const response = await get(path);
      expect(response.headers['content-security-policy']).toBe(
        `frame-ancestors ${GATEWAY}; default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; ` +
          `connect-src 'self'; img-src 'self' data:`,
      );
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves the artifact page with the test ids and the page script', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    const html = response.text;
    for (const id of ['viewer-name', 'viewer-email', 'viewer-sub', 'viewer-org', 'viewer-workflow', 'token-expires-in', 'token-exp', 'status', 'load-count']) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('<script type="module" src="/sdk/page.js"></script>');
    expect(html).toContain(`data-gateway-origin="${GATEWAY}"`);
  });

  it('routes by Host: an app page only on an app origin under its domain', async () => {
    expect((await get('/', {}, DOMAIN)).status).toBe(404);
    expect((await get('/', {}, 'run-acme-dashboard.elsewhere.test')).status).toBe(404);
    expect((await get('/', {}, `a.b.${DOMAIN}`)).status).toBe(404);
    expect((await get('/apps/run_acme_dashboard/')).status).toBe(404);
    expect((await get('/', {}, `run-globex-tracker.${DOMAIN}`)).text).toContain('<h1>run-globex-tracker</h1>');
  });

  it('serves the browser helper and the page script as ES modules', async () => {
    const sdk = await fetch(`${baseUrl}/sdk/browser.js`);
    expect(sdk.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await sdk.text()).toMatch(/export\s*\{[^}]*connectToGateway/);
    const page = await fetch(`${baseUrl}/sdk/page.js`);
    expect(await page.text()).toContain('app-gateway:ready');
  });

  it('answers /healthz, 404 for unknown paths and 405 for other methods', async () => {
    const health = await fetch(`${baseUrl}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await get('/elsewhere')).status).toBe(404);
    const post = await fetch(`${baseUrl}/api/whoami`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
