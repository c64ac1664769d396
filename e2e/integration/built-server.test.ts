import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, startBuiltServer } from './harness/built-server';
import { seededBuiltServerForSuite } from './harness/seeded-built-server';
import { cli, cliProcess } from './harness/cli';
import { cliOk } from './harness/cli-ok';
import { fetchOnFreshSocket, GatewayClient } from './harness/client';
import { freshDatabase } from './harness/databases';

const secrets = { AUTH_SECRET: 'a'.repeat(48), APP_TOKEN_KEY_SECRET: 'b'.repeat(48) };

async function mintAndVerify(url: string, init: { cookie?: string; bearer?: string }) {
  const client = new GatewayClient(url, url);
  const res = await client.mint('run_acme_dashboard', init);
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  const jwks = createRemoteJWKSet(new URL(`${url}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(token, jwks, { algorithms: ['ES256'], typ: 'app-session+jwt', issuer: url, audience: 'run_acme_dashboard' });
  return payload;
}

describe('npm run build && npm start', () => {
  beforeAll(() => assertBuilt());

  describe('on the embedded database', () => {
    let token = '';
    let scimToken = '';
    const { env, server } = seededBuiltServerForSuite('agw-built-', {}, async (env) => {
      token = await cliOk(['api-token', 'create', '--email', 'alice@acme.test', '--org', 'org_acme'], env);
      // SCIM (SPEC §18): the org's verified domain and its SCIM client's token, made by the CLI.
      await cliOk(['invite', 'domain', '--org', 'org_acme', '--domain', 'acme.test'], env);
      scimToken = await cliOk(['service-account', 'create', '--org', 'org_acme', '--name', 'Okta', '--scope', 'scim'], env);
    });

    it('starts, signs in alice through next-auth and mints with her cookie and with an API token made by the CLI', async () => {
      expect(server.child.exitCode, server.output()).toBeNull();
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok', checks: { database: 'ok', signing_key: 'ok' } });
      const cookie = await new GatewayClient(server.url, server.url).signIn('alice@acme.test');
      expect(await mintAndVerify(server.url, { cookie })).toMatchObject({ sub: 'usr_alice', auth_via: 'session' });
      expect(token).toMatch(/^agw_/);
      expect(await mintAndVerify(server.url, { bearer: token })).toMatchObject({ sub: 'usr_alice', auth_via: 'api_token' });
    });

    it('serves SCIM through Next.js routing: a user provisioned with the CLI’s scim token, a refusal as an RFC 7644 error', async () => {
      const base = `${server.url}/scim/v2/orgs/org_acme`;
      const created = await fetchOnFreshSocket(`${base}/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${scimToken}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'built@acme.test' }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      expect(created.headers.get('content-type')).toBe('application/scim+json');
      // Data, not a page: the API routes' policy (next.config.js), never a page's nonce policy from proxy.ts.
      expect(created.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      const user = (await created.json()) as { id: string; meta: { location: string } };
      expect(created.headers.get('location')).toBe(user.meta.location);
      const refused = await fetchOnFreshSocket(`${base}/Users/${user.id}`);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    });

    // The program itself, a second process beside the server.
    it('the CLI refuses to open the embedded database while the server holds it', { timeout: 60_000 }, () => {
      const r = cliProcess(['api-token', 'list', '--email', 'alice@acme.test'], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/in use by another process/);
    });

    // SPEC §6 amended: the helper `next build` bundled in, behind Next.js's own routing and next.config.js's headers.
    it('serves the SDK browser helper whose SRI hash the docs publish, only at its versioned path', async () => {
      // The previous test left the keep-alive socket idle for longer than the server keeps it.
      const res = await fetchOnFreshSocket(`${server.url}/sdk/v1/browser.js`, { headers: { origin: 'http://apps.example.test' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const published = readFileSync('lib/artifact-sdk/README.md', 'utf8').match(/`\/sdk\/v1\/browser\.js` \| `(sha384-[^`]+)`/)?.[1];
      expect(`sha384-${createHash('sha384').update(Buffer.from(await res.arrayBuffer())).digest('base64')}`).toBe(published);
      const head = await fetch(`${server.url}/sdk/v1/browser.js`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      for (const other of ['/sdk/browser.js', '/sdk/v2/browser.js', '/sdk/v1/browser.ts']) expect((await fetch(`${server.url}${other}`)).status, other).toBe(404);
    });

    it('never puts the tokens it minted in its log', () => {
      expect(server.output()).not.toContain(token);
      expect(server.output()).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}\./);
    });
  });

  describe('on PostgreSQL in production', () => {
    let db: Awaited<ReturnType<typeof freshDatabase>>;
    let env: Record<string, string>;
    beforeAll(async () => {
      db = await freshDatabase('postgres');
      env = { DATABASE_URL: db.url!, PGLITE_DIR: path.join(db.dir, 'unused') };
    });
    afterAll(async () => db?.cleanup());

    it('refuses to start without its secrets, saying which', async () => {
      const server = await startBuiltServer(env);
      await new Promise((r) => (server.child.exitCode === null ? server.child.once('exit', r) : r(null)));
      expect(server.child.exitCode).not.toBe(0);
      expect(server.output()).toMatch(/Refusing to start: AUTH_SECRET and APP_TOKEN_KEY_SECRET must be set/);
    }, 120_000);

    it('migrates and seeds with the CLI, then serves mints with API tokens and sessions', async () => {
      for (const args of [['migrate'], ['seed']]) expect((await cli(args, { ...env, ...secrets })).code).toBe(0);
      const token = await cliOk(['api-token', 'create', '--email', 'carol@example.test', '--org', 'org_acme'], { ...env, ...secrets });
      const server = await startBuiltServer({ ...env, ...secrets, AUTH_CREDENTIALS: 'true' });
      try {
        expect(await mintAndVerify(server.url, { bearer: token })).toMatchObject({ sub: 'usr_carol', org_id: 'org_acme' });
        const cookie = await new GatewayClient(server.url, server.url).signIn('alice@acme.test');
        expect(await mintAndVerify(server.url, { cookie })).toMatchObject({ sub: 'usr_alice' });
        const listed = await cli(['api-token', 'list', '--email', 'carol@example.test'], { ...env, ...secrets });
        const id = listed.stdout.trim().split(/\s+/)[0]!;
        expect(id).toMatch(/^tok_/);
        expect((await cli(['api-token', 'revoke', id], { ...env, ...secrets })).code).toBe(0);
        const res = await new GatewayClient(server.url, server.url).mint('run_acme_dashboard', { bearer: token });
        expect(res.status).toBe(401);
      } finally {
        await server.stop();
      }
    }, 180_000);
  });
});
