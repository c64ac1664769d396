import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '@/db/client';
import { authorizeManagement } from '@/lib/auth/management-caller';
import { cli } from './harness/cli';
import { seededCliDatabase } from './harness/cli-database';
import type { DbKind } from './harness/databases';

/** The token a management call would present, checked as the API checks it (the org and a scope it needs). */
const authorize = (token: string, scope: 'apps:read' | 'apps:write' = 'apps:read') =>
  authorizeManagement(new Request('http://localhost/v1/orgs/org_acme/apps', { headers: { authorization: `Bearer ${token}` } }), 'org_acme', scope).then(
    (caller) => (caller.ok ? caller.actor.kind : caller.code),
  );

describe.each(['pglite', 'postgres'] as DbKind[])('CLI: service-account create | list | rotate | revoke, api-token create --scope (%s)', (kind) => {
  // This process's own connection (authorize) is closed before the database is made and before it is dropped.
  beforeAll(() => closeDb());
  const database = seededCliDatabase(kind);
  afterAll(() => closeDb());

  it('creates an account printing its token as the last line; lists, rotates (two live at most) and revokes', async () => {
    const created = await cli(['service-account', 'create', '--org', 'org_acme', '--name', 'AI pipeline', '--scope', 'apps:write', '--scope', 'apps:read', '--expires-in-days', '30'], database.env);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^agw_sa_[A-Za-z0-9_-]{43}$/);
    const id = /(sa_[A-Za-z0-9_-]+)/.exec(created.stdout)![1]!;
    expect(created.stdout).toContain('with scopes apps:read apps:write');
    expect(await authorize(token, 'apps:write')).toBe('service_account');

    const listed = (await cli(['service-account', 'list', '--org', 'org_acme'], database.env)).stdout.trim().split('\n');
    expect(listed[0]).toMatch(new RegExp(`^${id}  AI pipeline  apps:read apps:write  active  created \\S+ by the CLI  last used \\S+$`));
    expect(listed[1]).toMatch(/^ {2}token {2}sat_\S+ {2}agw_sa_\S{6}… {2}active {2}expires \S+ {2}last used \S+$/);
    expect(listed.join('\n')).not.toContain(token);

    const rotated = await cli(['service-account', 'rotate', id], database.env);
    expect(rotated.code, rotated.stderr).toBe(0);
    const second = rotated.stdout.trim().split('\n').at(-1)!;
    expect(second).toMatch(/^agw_sa_/);
    const third = await cli(['service-account', 'rotate', id], database.env);
    expect(third.code).toBe(1);
    expect(third.stderr).toMatch(/already has 2 live tokens: revoke one first/);

    const firstTokenId = /(sat_[A-Za-z0-9_-]+)/.exec(created.stdout)![1]!;
    expect((await cli(['service-account', 'revoke', firstTokenId], database.env)).stdout).toContain(`Revoked ${firstTokenId}.`);
    expect(await authorize(token)).toBe('unauthenticated');
    expect(await authorize(second)).toBe('service_account');
    expect((await cli(['service-account', 'revoke', id], database.env)).code).toBe(0);
    expect(await authorize(second)).toBe('unauthenticated');
    const again = await cli(['service-account', 'revoke', id], database.env);
    expect([again.code, again.stderr.trim()]).toEqual([1, `No active service account or token with id ${id}.`]);
  });

  it('refuses what is not a service account’s, naming every problem; unknown orgs', async () => {
    const bad = await cli(['service-account', 'create', '--org', 'org_acme', '--name', 'x', '--scope', 'mint', '--scope', 'apps:everything', '--expires-in-days', '400'], database.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Not a scope of a service account: mint, apps:everything/);
    expect(bad.stderr).toMatch(/from 1 to 365/);
    expect((await cli(['service-account', 'create', '--org', 'org_acme', '--name', 'x'], database.env)).stderr).toMatch(/Choose at least one scope/);
    expect((await cli(['service-account', 'create', '--org', 'org_nope', '--name', 'x', '--scope', 'apps:read'], database.env)).stderr.trim()).toBe('No organization org_nope.');
    expect((await cli(['service-account', 'create', '--org', 'org_acme', '--scope', 'apps:read'], database.env)).stderr).toMatch(/Pass --name/);
  });

  it('api-token create --scope: management scopes for an admin; mint by default; refused for a member', async () => {
    const admin = await cli(['api-token', 'create', '--email', 'alice@acme.test', '--org', 'org_acme', '--scope', 'apps:read', '--scope', 'mint'], database.env);
    expect(admin.code, admin.stderr).toBe(0);
    expect(admin.stdout).toContain('with scopes mint apps:read');
    expect(await authorize(admin.stdout.trim().split('\n').at(-1)!)).toBe('user');
    const plain = await cli(['api-token', 'create', '--email', 'alice@acme.test', '--org', 'org_acme'], database.env);
    expect(plain.stdout).toContain('with scopes mint.');
    expect(await authorize(plain.stdout.trim().split('\n').at(-1)!)).toBe('insufficient_scope');
    const member = await cli(['api-token', 'create', '--email', 'carol@example.test', '--org', 'org_acme', '--scope', 'apps:write'], database.env);
    expect(member.code).toBe(1);
    expect(member.stderr).toMatch(/Management scopes \(apps:write\) are for admins of org_acme only/);
    expect((await cli(['api-token', 'list', '--email', 'alice@acme.test'], database.env)).stdout).toMatch(/ mint apps:read {2}active/);
  });
});
