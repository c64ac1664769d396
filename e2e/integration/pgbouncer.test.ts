import { count, eq } from 'drizzle-orm';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, observeStatements } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { resetEnv } from '@/lib/platform/config/env';
import { stopJobs } from '@/lib/platform/jobs/background-jobs';
import { GatewayClient } from './harness/client';
import { ADMIN_DATABASE_URL, freshDatabase } from './harness/databases';
import { APP_URL } from './harness/gateway-fixture';
import { startGatewayServer } from './harness/gateway-server';
import { PGBOUNCER_BIN, startPgBouncer, type PgBouncer } from './harness/pgbouncer';

// In CI the suite must run (.ci/run installs pgbouncer); elsewhere a missing binary skips it, saying so.
const missing = !PGBOUNCER_BIN && !process.env.CI;
if (missing) console.warn('pgbouncer.test.ts skipped: pgbouncer is not installed (apt-get install -y pgbouncer).');

describe.skipIf(missing)('behind PgBouncer 1.18 in transaction pooling mode (DATABASE_PGBOUNCER=true)', () => {
  let bouncer: PgBouncer;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let server: Awaited<ReturnType<typeof startGatewayServer>>;
  let client: GatewayClient;

  beforeAll(async () => {
    await closeDb();
    resetEnv();
    database = await freshDatabase('postgres');
    bouncer = await startPgBouncer(new URL(ADMIN_DATABASE_URL));
    const direct = new URL(database.url!);
    Object.assign(process.env, {
      APP_URL,
      LOG_LEVEL: 'error',
      AUTH_CREDENTIALS: 'true',
      DATABASE_URL: bouncer.url(direct.pathname.slice(1)),
      DATABASE_MIGRATION_URL: direct.toString(),
      DATABASE_PGBOUNCER: 'true',
      // More client connections than PgBouncer's 2 server connections; the rate limit stays counted.
      DATABASE_POOL_MAX: '8',
      RATE_LIMIT_MINTS_PER_MINUTE: '100000',
    });
    const { startGateway } = await import('@/lib/platform/startup');
    await startGateway();
    await stopJobs(); // their statements would add to the count below
    const { seedDemoWorld } = await import('@/lib/gateway/demo/seed');
    await seedDemoWorld();
    server = await startGatewayServer();
    client = new GatewayClient(server.url, APP_URL);
  });

  afterAll(async () => {
    await server?.close();
    await closeDb();
    await bouncer?.stop();
    await database?.cleanup();
  });

  it('migrates through DATABASE_MIGRATION_URL and mints 240 times, 8 at a time, with a cookie and an API token: all verify, one statement and one audit row each', async () => {
    const cookie = await client.signIn('alice@acme.test');
    const { token: apiToken } = await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' });
    const jwks = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`));
    let statements = 0;
    observeStatements(() => statements++);
    const results: { status: number; token?: string }[] = [];
    for (let round = 0; round < 30; round++) {
      const batch = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const res = await client.mint('run_acme_dashboard', i % 2 ? { cookie } : { bearer: apiToken });
          return { status: res.status, ...((await res.json()) as { token?: string }) };
        }),
      );
      results.push(...batch);
    }
    observeStatements(null);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(statements).toBe(240);
    for (const { token } of results.slice(0, 16)) {
      const { payload } = await jwtVerify(token!, jwks, { algorithms: ['ES256'], issuer: APP_URL, audience: 'run_acme_dashboard' });
      expect(payload.sub).toBe('usr_alice');
    }
    const db = await getDb();
    const [row] = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.result, 'minted'));
    expect(row!.n).toBe(240);
  });

  it('refusals behind PgBouncer are the usual ones (404 for another org\'s app, 401 for a bad token)', async () => {
    const { token: apiToken } = await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' });
    expect((await client.mint('run_globex_tracker', { bearer: apiToken })).status).toBe(404);
    expect((await client.mint('run_acme_dashboard', { bearer: 'agw_not_a_token' })).status).toBe(401);
  });

  it('really goes through PgBouncer: with it stopped, the gateway reports its database unavailable', async () => {
    await bouncer.stop();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
  });
});
