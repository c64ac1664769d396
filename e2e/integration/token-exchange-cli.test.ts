import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { cli, cliProcess } from './harness/cli';
import { seededCliDatabase } from './harness/cli-database';

describe('CLI: resource add | list | remove, app allow | disallow, app credential create | list | revoke (PostgreSQL)', () => {
  const database = seededCliDatabase('postgres');

  // The demo world already has platform-api and the dashboard's secret (lib/gateway/demo): this test makes its own.
  it('registers a resource, allows an app scopes on it, issues a client secret as the last line, and takes each back', { timeout: 240_000 }, async () => {
    const added = await cli(['resource', 'add', 'reports-api', '--scope', 'runs:read', '--scope', 'runs:write'], database.env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Added resource reports-api with scopes runs:read runs:write.');
    const clash = await cli(['resource', 'add', 'run_acme_dashboard', '--scope', 'x'], database.env);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/is an app's id/);

    const allowed = await cli(['app', 'allow', 'run_acme_onboarding', '--resource', 'reports-api', '--scope', 'runs:read', '--guests'], database.env);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toContain('run_acme_onboarding may act for its viewer on reports-api with runs:read, guests too.');
    const notOffered = await cli(['app', 'allow', 'run_acme_onboarding', '--resource', 'reports-api', '--scope', 'runs:admin'], database.env);
    expect(notOffered.stderr).toMatch(/reports-api does not offer runs:admin\. Nothing was changed\./);

    // The program itself: the secret is the last line of its standard output.
    const created = cliProcess(['app', 'credential', 'create', 'run_acme_onboarding', '--expires-in-days', '30'], database.env);
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim().split('\n').at(-1)!;
    expect(secret).toMatch(/^agw_cs_[A-Za-z0-9_-]{43}$/);
    const id = /(cred_[A-Za-z0-9_-]+)/.exec(created.stdout)![1]!;
    const sql = postgres(database.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql`select secret_hash, app_id from app_credentials where id = ${id}`;
      expect(row).toEqual({ secret_hash: createHash('sha256').update(secret).digest('hex'), app_id: 'run_acme_onboarding' });

      const listed = await cli(['app', 'credential', 'list', 'run_acme_onboarding'], database.env);
      expect(listed.stdout.trim().split('\n').map((l) => l.split('  ').slice(0, 3))).toEqual([[id, `${secret.slice(0, 12)}…`, 'live']]);
      expect(listed.stdout).not.toContain(secret);
      expect((await cli(['resource', 'list'], database.env)).stdout).toMatch(/^reports-api {2}runs:read runs:write {2}1 app allowed/m);

      expect((await cli(['app', 'credential', 'revoke', id], database.env)).code).toBe(0);
      expect((await cli(['app', 'credential', 'revoke', id], database.env)).stderr).toMatch(/No live client secret/);
      expect((await cli(['resource', 'remove', 'reports-api'], database.env)).code).toBe(0);
      const feed = await sql`select aud from revocations where sid is null and sub is null order by id`;
      expect(feed.map((r) => r.aud)).toEqual(['run_acme_onboarding', 'reports-api']);
    } finally {
      await sql.end();
    }
  });

  it('app proxy-acts: the proxy acts for a proxied app’s viewers with a credential only it holds, listed as the proxy’s, and stops with --off', { timeout: 240_000 }, async () => {
    // The demo world already lets the proxy act for run_acme_plain on platform-api: this test moves it to a resource of its own.
    expect((await cli(['resource', 'add', 'proxy-api', '--scope', 'runs:read'], database.env)).code).toBe(0);
    const notAllowed = await cli(['app', 'proxy-acts', 'run_acme_plain', '--resource', 'proxy-api'], database.env);
    expect(notAllowed.stderr).toMatch(/run_acme_plain is allowed nothing on proxy-api: app allow first\./);
    expect((await cli(['app', 'allow', 'run_acme_plain', '--resource', 'proxy-api', '--scope', 'runs:read'], database.env)).code).toBe(0);
    const notProxied = await cli(['app', 'proxy-acts', 'run_acme_dashboard', '--resource', 'proxy-api'], database.env);
    expect(notProxied.stderr).toMatch(/run_acme_dashboard is not served by the artifact proxy/);
    const on = await cli(['app', 'proxy-acts', 'run_acme_plain', '--resource', 'proxy-api'], database.env);
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toMatch(/^The artifact proxy acts for run_acme_plain's viewers on proxy-api with credential cred_[A-Za-z0-9_-]+, expires /);
    expect(on.stdout).toContain('Its credential before was revoked');
    expect(on.stdout).not.toMatch(/agw_cs_/);
    const listed = await cli(['app', 'credential', 'list', 'run_acme_plain'], database.env);
    expect(listed.stdout).toMatch(/ {2}live {2}.* {2}the artifact proxy's, for proxy-api$/m);
    const off = await cli(['app', 'proxy-acts', 'run_acme_plain', '--off'], database.env);
    expect(off.stdout).toContain("The artifact proxy no longer acts for run_acme_plain's viewers");
    expect((await cli(['app', 'proxy-acts', 'run_acme_plain', '--off'], database.env)).stderr).toMatch(/does not act for run_acme_plain's viewers/);
    expect((await cli(['app', 'proxy-acts', 'run_acme_plain'], database.env)).stderr).toMatch(/Give --resource or --off/);
  });
});
