import path from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, startBuiltServer } from './harness/built-server';
import { cli } from './harness/cli';
import { GatewayClient } from './harness/client';
import { freshDatabase } from './harness/databases';

/** Two gateway instances on one PostgreSQL, the way it scales out. */
describe('two instances on one PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: Awaited<ReturnType<typeof startBuiltServer>>;
  let b: Awaited<ReturnType<typeof startBuiltServer>>;
  let env: Record<string, string>;
  let token: string;
  const APP_URL = 'http://localhost:3999'; // the public origin both sit behind

  beforeAll(async () => {
    assertBuilt();
    db = await freshDatabase('postgres');
    env = {
      DATABASE_URL: db.url!,
      PGLITE_DIR: path.join(db.dir, 'unused'),
      AUTH_SECRET: 's'.repeat(48),
      APP_TOKEN_KEY_SECRET: 'k'.repeat(48),
      RATE_LIMIT_MINTS_PER_MINUTE: '5',
      KEY_PUBLISH_AHEAD_SECONDS: '600',
    };
    expect((await cli(['seed'], env)).code).toBe(0);
    token = (await cli(['api-token', 'create', '--email', 'alice@acme.test', '--org', 'org_acme'], env)).stdout.trim().split('\n').pop()!;
    [a, b] = await Promise.all([startBuiltServer({ ...env, APP_URL }), startBuiltServer({ ...env, APP_URL })]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.cleanup();
  });

  const mint = async (url: string, appId = 'run_acme_dashboard') => new GatewayClient(url, APP_URL).mint(appId, { bearer: token });
  const kids = async (url: string) => ((await (await fetch(`${url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);

  it('a token minted by one verifies with the other’s JWKS', async () => {
    const res = await mint(a.url);
    expect(res.status).toBe(200);
    const { token: jwt } = (await res.json()) as { token: string };
    const { payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(`${b.url}/.well-known/jwks.json`)), {
      algorithms: ['ES256'], typ: 'app-session+jwt', issuer: APP_URL, audience: 'run_acme_dashboard',
    });
    expect(payload.sub).toBe('usr_alice');
  });

  it('the rate limit holds across both', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await mint(i % 2 ? b.url : a.url, 'run_acme_onboarding')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('a rotation made elsewhere is served by both within the refresh interval, far inside the JWKS cache time', async () => {
    const rotated = await cli(['keys', 'rotate'], env);
    expect(rotated.code, rotated.stderr).toBe(0);
    const kid = /Published (\S+);/.exec(rotated.stdout)![1]!;
    const started = Date.now();
    while (Date.now() - started < 45_000 && !((await kids(a.url)).includes(kid) && (await kids(b.url)).includes(kid))) {
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(await kids(a.url)).toContain(kid);
    expect(await kids(b.url)).toContain(kid);
    expect(Date.now() - started).toBeLessThan(600_000);
    // Published ahead, not signing yet.
    const { token: jwt } = (await (await mint(b.url, 'run_acme_public')).json()) as { token: string };
    expect(decodeProtectedHeader(jwt).kid).not.toBe(kid);
  }, 60_000);
});
