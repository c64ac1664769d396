// `group …`, `app access … --group` and `org oidc-groups` as an operator runs them (SPEC §18), on both databases.
import { describe, expect, it } from 'vitest';
import { cli as runCli, cliProcess } from './harness/cli';
import { seededCliDatabase } from './harness/cli-database';

describe.each(['pglite', 'postgres'] as const)('CLI: groups on %s', (kind) => {
  const world = seededCliDatabase(kind);
  const cli = async (...args: string[]) => {
    const r = await runCli(args, world.env);
    return { status: r.code, out: r.stdout, err: r.stderr };
  };

  it('create, add by email, list, show, open an app by group, remove, rename, delete; refuses non-members and other orgs’ groups', async () => {
    const created = await cli('group', 'create', '--org', 'org_acme', '--name', 'Field team');
    expect(created.status).toBe(0);
    const groupId = /Created (grp_\S+)/.exec(created.out)![1]!;

    const stranger = cliProcess(['group', 'add', groupId, '--email', 'bob@globex.test'], world.env);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr.trim()).toBe('Not a member of org_acme: bob@globex.test. Nothing was changed.');
    const added = await cli('group', 'add', groupId, '--email', 'Carol@Example.test');
    expect(added.out).toContain('Added 1.');
    expect(added.out).toMatch(/member {2}usr_carol {2}carol@example\.test {2}Carol Chen/);
    expect((await cli('group', 'list', '--org', 'org_acme')).out).toContain(`${groupId}  "Field team"  console  1 member`);
    expect((await cli('group', 'list', '--org', 'org_globex')).out).toContain('No groups in org_globex.');

    const opened = await cli('app', 'access', 'run_acme_dashboard', 'members', '--group', groupId);
    expect(opened.status).toBe(0);
    expect(opened.out).toContain('Who can open it: admins and group Field team');
    expect(opened.out).toMatch(new RegExp(`group {2}${groupId} {2}Field team {2}console`));

    const globex = /Created (grp_\S+)/.exec((await cli('group', 'create', '--org', 'org_globex', '--name', 'Ops')).out)![1]!;
    const foreign = cliProcess(['app', 'access', 'run_acme_dashboard', 'members', '--group', globex], world.env);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr.trim()).toBe(`No group of org_acme: ${globex}. Nothing was changed.`);

    expect((await cli('group', 'remove', groupId, '--email', 'carol@example.test')).out).toContain('Removed 1.');
    expect((await cli('group', 'rename', groupId, '--name', 'Field crew')).out).toContain('Renamed:');
    expect((await cli('group', 'delete', groupId)).out).toContain(`Deleted ${groupId}  "Field crew"`);
    expect((await cli('app', 'show', 'run_acme_dashboard')).out).toContain('Who can open it: admins and no listed member');
    expect(cliProcess(['group', 'show', groupId], world.env).code).toBe(1);
  }, 120_000);

  it('an oidc group (members set by sign-ins only) and the org’s issuer binding (a platform setting)', async () => {
    const created = await cli('group', 'create', '--org', 'org_acme', '--name', 'Engineers', '--oidc', 'eng');
    expect(created.out).toMatch(/Created grp_\S+ {2}"Engineers" {2}oidc {2}external id "eng"/);
    const groupId = /Created (grp_\S+)/.exec(created.out)![1]!;
    const refused = cliProcess(['group', 'add', groupId, '--email', 'carol@example.test'], world.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('managed by sign-ins through the identity provider');

    expect((await cli('org', 'oidc-groups', 'org_acme', '--issuer', 'https://idp.example.test')).out).toContain('set by sign-ins through https://idp.example.test (was none)');
    expect((await cli('org', 'oidc-groups', 'org_acme', '--issuer', 'https://idp.example.test')).out).toContain('No change');
    expect((await cli('org', 'oidc-groups', 'org_acme', '--issuer', 'none')).out).toContain('set by sign-ins through no issuer');
    expect(cliProcess(['org', 'oidc-groups', 'org_nope', '--issuer', 'https://idp.example.test'], world.env).code).toBe(1);
    expect(cliProcess(['org', 'oidc-groups', 'org_acme', '--issuer', 'not a url'], world.env).code).toBe(1);
  }, 120_000);
});
