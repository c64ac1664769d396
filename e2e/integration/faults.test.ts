import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnv } from '@/lib/platform/config/env';
import { resetKeyring } from '@/lib/gateway/keys/keyring';
import { gatewayForSuite, startGateway, type Gateway } from './harness/gateway-fixture';
import { untilStatus } from './harness/until-status';

/** Faults other than an outage: too many connections, and a signing key that cannot be decrypted. */
describe('faults', () => {
  describe('PostgreSQL out of connections', () => {
    let gw: Gateway;
    let holder: postgres.Sql;
    let token: string;
    const role = `agw_limited_${process.pid}`;

    beforeAll(async () => {
      gw = await startGateway('postgres', { DB_TIMEOUT_MS: '2000' });
      const { createApiToken } = await import('@/lib/auth/api-tokens/api-tokens');
      token = (await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' })).token;
      const url = new URL(process.env.DATABASE_URL!);
      const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop role if exists ${role}`);
      await admin.unsafe(`create role ${role} login connection limit 1`);
      const dbName = url.pathname.slice(1);
      await admin.unsafe(`grant all on database ${dbName} to ${role}`);
      for (const schema of ['public', 'drizzle']) {
        await admin.unsafe(`grant all on schema ${schema} to ${role}; grant all on all tables in schema ${schema} to ${role}; grant all on all sequences in schema ${schema} to ${role}`);
      }
      await admin.end();
      // The gateway reconnects as a role allowed one connection, which another client already holds.
      const { closeDb } = await import('@/db/client');
      await closeDb();
      url.username = role;
      holder = postgres(url.toString(), { max: 1 });
      await holder`select 1`;
      process.env.DATABASE_URL = url.toString();
      resetEnv();
    });
    afterAll(async () => {
      await holder?.end();
      await gw?.stop();
      const admin = postgres(process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop role if exists ${role}`);
      await admin.end();
    });

    it('answers 503 with Retry-After, not 500, and recovers when a connection frees up', async () => {
      const started = Date.now();
      const res = await gw.client.mint('run_acme_dashboard', { bearer: token });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBeTruthy();
      expect(await res.text()).not.toMatch(/too many|53300|postgres/i);
      await holder.end();
      expect(await untilStatus(() => gw.client.mint('run_acme_dashboard', { bearer: token }))).toBe(200);
    });
  });

  describe('a signing key that cannot be decrypted', () => {
    const gw = gatewayForSuite('pglite', { APP_TOKEN_KEY_SECRET: 'k'.repeat(48) });

    it('fails closed: 503, never a token, while the JWKS keeps serving the public key', async () => {
      const { createApiToken } = await import('@/lib/auth/api-tokens/api-tokens');
      const { token } = await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' });
      expect((await gw.client.mint('run_acme_dashboard', { bearer: token })).status).toBe(200);
      // The operator changes APP_TOKEN_KEY_SECRET: the stored key no longer decrypts.
      process.env.APP_TOKEN_KEY_SECRET = 'z'.repeat(48);
      resetEnv();
      resetKeyring();
      const { getDb } = await import('@/db/client');
      const { auditEvents } = await import('@/db/schema');
      const db = await getDb();
      const before = await db.select().from(auditEvents);
      const res = await gw.client.mint('run_acme_dashboard', { bearer: token });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBeTruthy();
      expect(await res.json()).toMatchObject({ code: 'unavailable' });
      // One request, one audit row: the refusal is written once, not again by the error funnel.
      const added = (await db.select().from(auditEvents)).slice(before.length);
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({ result: 'denied', code: 'unavailable', appId: 'run_acme_dashboard', authVia: 'api_token', orgId: null });
      const jwks = (await (await fetch(`${gw.url}/.well-known/jwks.json`)).json()) as { keys: unknown[] };
      expect(jwks.keys).toHaveLength(1);
    });
  });
});
