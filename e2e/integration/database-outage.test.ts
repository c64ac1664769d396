import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnv } from '@/lib/platform/config/env';
import { ERRORS } from '@/lib/platform/http/problem';
import { ADMIN_DATABASE_URL } from './harness/databases';
import { startGateway, type Gateway } from './harness/gateway-fixture';
import { tcpProxy } from './harness/tcp-proxy';
import { untilStatus } from './harness/until-status';

describe('PostgreSQL stops or hangs', () => {
  let gw: Gateway;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  let cookie: string;
  let token: string;

  beforeAll(async () => {
    const admin = new URL(ADMIN_DATABASE_URL);
    proxy = await tcpProxy({ host: admin.hostname, port: Number(admin.port || 5432) });
    gw = await startGateway('postgres', { DB_TIMEOUT_MS: '2000' });
    // From here on the gateway reaches its database only through the relay.
    const { closeDb } = await import('@/db/client');
    await closeDb();
    const url = new URL(process.env.DATABASE_URL!);
    url.port = String(proxy.port());
    url.hostname = '127.0.0.1';
    process.env.DATABASE_URL = url.toString();
    resetEnv();
    cookie = await gw.client.signIn('alice@acme.test');
    const { createApiToken } = await import('@/lib/auth/api-tokens/api-tokens');
    token = (await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' })).token;
    expect((await gw.client.mint('run_acme_dashboard', { cookie })).status).toBe(200);
  });
  afterAll(async () => {
    await proxy?.start();
    await gw?.stop();
    await proxy?.stop();
  });

  it('answers 503 with Retry-After within 5 s, keeps serving the JWKS, and recovers without a restart', async () => {
    await proxy.stop();
    for (const init of [{ cookie }, { bearer: token }]) {
      const started = Date.now();
      const res = await gw.client.mint('run_acme_dashboard', init);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = await res.json();
      expect(body).toMatchObject({ code: 'unavailable', status: ERRORS.unavailable.status });
      expect(JSON.stringify(body)).not.toMatch(/select|ECONN|postgres|stack/i);
    }
    const health = await fetch(`${gw.url}/healthz`);
    expect(health.status).toBe(503);
    const jwks = await fetch(`${gw.url}/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    expect(((await jwks.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);

    await proxy.start();
    expect(await untilStatus(() => gw.client.mint('run_acme_dashboard', { cookie }))).toBe(200);
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
  });

  it('a hung database (connections open, no answer) is 503 within 5 s too, and recovers', async () => {
    proxy.freeze();
    const started = Date.now();
    const res = await gw.client.mint('run_acme_dashboard', { bearer: token });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fetch(`${gw.url}/.well-known/jwks.json`)).status).toBe(200);
    proxy.thaw();
    expect(await untilStatus(() => gw.client.mint('run_acme_dashboard', { bearer: token }))).toBe(200);
  });
});
