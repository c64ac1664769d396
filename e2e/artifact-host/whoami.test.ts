import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFeedServer, type FeedServer } from '../../lib/artifact-sdk/revocation-feed.fixtures';
import {
  closedPortOrigin,
  createSigningKey,
  signToken,
  startJwksServer,
  validClaims,
  type RecordingServer,
  type SigningKey,
} from '../../lib/artifact-sdk/verify.fixtures';
import { createArtifactHostServer } from './app';
import type { ArtifactHostConfig } from './config';

const GATEWAY = 'http://localhost:3000';
const APP = 'run_acme_dashboard';
let key: SigningKey;
let jwks: RecordingServer;
let feed: FeedServer;
let host: Server;
let baseUrl: string;
const logLines: string[] = [];

async function startHost(jwksUrl: string, revocationUrl = feed.feedUrl): Promise<{ server: Server; url: string }> {
  const config: ArtifactHostConfig = {
    publicOrigin: 'http://127.0.0.1:0',
    listenHost: '127.0.0.1',
    listenPort: 0,
    gatewayOrigin: GATEWAY,
    jwksUrl,
    revocationUrl,
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

const whoami = (token?: string, app = APP, base = baseUrl) =>
  fetch(`${base}/apps/${app}/api/whoami`, { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });

beforeAll(async () => {
  key = await createSigningKey('k1');
  jwks = await startJwksServer([key.publicJwk]);
  feed = await startFeedServer();
  ({ server: host, url: baseUrl } = await startHost(jwks.jwksUrl));
});
afterAll(async () => {
  await stop(host);
  await jwks.close();
  await feed.close();
});

describe('GET /apps/{appId}/api/whoami', () => {
  it('answers 200 with the verified claims', async () => {
    const claims = validClaims(GATEWAY, APP);
    const response = await whoami(await signToken(key, claims));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(claims);
  });

  it('answers 401 token_missing with a Bearer challenge when no token is sent', async () => {
    const response = await whoami();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({
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
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await response.json()).toMatchObject({ status: 401, code });
  });

  it('answers 401 token_malformed for a non-Bearer Authorization header', async () => {
    const response = await fetch(`${baseUrl}/apps/${APP}/api/whoami`, { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'token_malformed' });
  });

  it('answers 503 jwks_unavailable, with Retry-After, when the gateway keys cannot be fetched', async () => {
    const down = await startHost(`${await closedPortOrigin()}/.well-known/jwks.json`);
    try {
      const response = await whoami(await signToken(key, validClaims(GATEWAY, APP)), APP, down.url);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('10');
      expect(await response.json()).toMatchObject({ status: 503, code: 'jwks_unavailable' });
    } finally {
      await stop(down.server);
    }
  });

  it('answers 401 token_revoked for a token whose session had ended when the host started', async () => {
    feed.revoke({ sid: 'sess_ended_before' });
    const fresh = await startHost(jwks.jwksUrl);
    try {
      const issuedBefore = validClaims(GATEWAY, APP, Math.floor(Date.now() / 1000) - 5);
      const response = await whoami(await signToken(key, { ...issuedBefore, sid: 'sess_ended_before' }), APP, fresh.url);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(await response.json()).toMatchObject({ status: 401, code: 'token_revoked' });
    } finally {
      await stop(fresh.server);
    }
  });

  it("refuses a signed-out viewer's still-unexpired token at its next feed poll (every 10 s)", async () => {
    const token = await signToken(key, { ...validClaims(GATEWAY, APP), sid: 'sess_signing_out' });
    expect((await whoami(token)).status).toBe(200);
    feed.revoke({ sid: 'sess_signing_out' });
    await vi.waitFor(
      async () => {
        const response = await whoami(token);
        expect(await response.json()).toMatchObject({ status: 401, code: 'token_revoked' });
      },
      { timeout: 25_000, interval: 500 },
    );
  }, 30_000);

  it('answers 503 revocations_unavailable, with Retry-After, when the revocation feed cannot be read', async () => {
    const down = await startHost(jwks.jwksUrl, `${await closedPortOrigin()}/v1/app-gateway/revocations`);
    try {
      const response = await whoami(await signToken(key, validClaims(GATEWAY, APP)), APP, down.url);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('10');
      expect(await response.json()).toMatchObject({ status: 503, code: 'revocations_unavailable' });
    } finally {
      await stop(down.server);
    }
  });

  it('never writes a token to the log', async () => {
    const token = await signToken(key, validClaims(GATEWAY, APP));
    await whoami(token);
    await whoami(token, 'run_other');
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toContain(token.split('.')[2]);
  });
});

describe('the rest of the artifact host', () => {
  it('sends the security headers on every response', async () => {
    for (const path of ['/healthz', `/apps/${APP}/`, '/sdk/browser.js', `/apps/${APP}/api/whoami`, '/nope']) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.headers.get('content-security-policy')).toBe(
        `frame-ancestors ${GATEWAY}; default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; ` +
          `connect-src 'self'; img-src 'self' data:`,
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('serves the artifact page with the test ids and the page script', async () => {
    const response = await fetch(`${baseUrl}/apps/${APP}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const id of ['viewer-name', 'viewer-email', 'viewer-sub', 'viewer-org', 'viewer-workflow', 'token-expires-in', 'token-exp', 'status', 'load-count']) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('<script type="module" src="/sdk/page.js"></script>');
    expect(html).toContain(`data-gateway-origin="${GATEWAY}"`);
  });

  it('redirects /apps/{appId} to the trailing-slash artifact URL', async () => {
    const response = await fetch(`${baseUrl}/apps/${APP}`, { redirect: 'manual' });
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe(`/apps/${APP}/`);
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
    expect((await fetch(`${baseUrl}/apps/bad%20id/`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/elsewhere`)).status).toBe(404);
    const post = await fetch(`${baseUrl}/apps/${APP}/api/whoami`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
