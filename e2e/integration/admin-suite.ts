import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { createInvitation, listInvitations, revokeInvitation } from '@/lib/gateway/orgs/invitations';
import { answerInvitation, listOpenInvitationsFor } from '@/lib/gateway/orgs/invitation-responses';
import { changeMembership, listOrgMembers } from '@/lib/gateway/orgs/org-members';
import { NO_FILTERS } from '@/lib/gateway/audit/audit-filters';
import { auditCsvStream } from '@/lib/gateway/audit/audit-csv';
import { auditFilterOptions, listAuditEvents } from '@/lib/gateway/audit/audit-log';
import { listAppsForUser } from '@/lib/gateway/apps/viewer-apps';
import { createOrgApp, findOrgApp, listOrgApps, pageOfOrgApps, softDeleteOrgApp, updateOrgApp } from '@/lib/gateway/apps/org-apps';
import type { DbKind } from './harness/databases';
import { gatewayForSuite } from './harness/gateway-fixture';
import { ok } from './harness/ok';

const app = { title: 'Suite app', workflowId: 'wf_acme_reports', hosting: 'artifact_url' as const, artifactUrl: null, upstreamUrl: null, access: 'login_required' as const };

/** The admin console's queries: org scoping, the last-admin rule, and that changes govern the next mint. */
export function describeAdminQueries(kind: DbKind) {
  describe(`admin console queries on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    let alice: string;
    let bob: string;

    beforeAll(async () => {
      alice = await gw.client.signIn('alice@acme.test');
      bob = await gw.client.signIn('bob@globex.test');
    });

    it('apps: each org sees and changes only its own; a soft-deleted app answers 404 at the next mint', async () => {
      expect((await listOrgApps('org_globex')).map((a) => a.id)).toEqual(['run_globex_tracker']);
      expect(await findOrgApp('org_globex', 'run_acme_dashboard')).toBeNull();
      expect(await softDeleteOrgApp('org_globex', 'run_acme_dashboard')).toBe(false);
      expect(await updateOrgApp('org_globex', 'run_acme_dashboard', { ...app, workflowId: 'wf_globex_ops' })).toEqual({ ok: false, reason: 'not_found' });
      expect(await createOrgApp('org_globex', app)).toEqual({ ok: false, reason: 'workflow_not_in_org' });

      const created = await createOrgApp('org_acme', app);
      if (!created.ok) throw new Error('not created');
      expect(created.id).toMatch(/^run_[0-9A-Za-z]{22}$/);
      expect((await gw.client.mint(created.id, { cookie: alice })).status).toBe(200);
      const listed = (await listOrgApps('org_acme')).find((a) => a.id === created.id);
      expect(listed?.lastMintAt).toBeInstanceOf(Date);
      expect((await listOrgApps('org_acme')).find((a) => a.id === 'run_acme_building')?.lastMintAt).toBeNull();

      expect(await softDeleteOrgApp('org_acme', created.id)).toBe(true);
      expect(await softDeleteOrgApp('org_acme', created.id)).toBe(false);
      expect(await findOrgApp('org_acme', created.id)).toBeNull();
      const refused = await gw.client.mint(created.id, { cookie: alice });
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as { code: string }).code).toBe('not_found');
    });

    it('apps: the console pages them newest first, each once, whatever is added or deleted between pages', async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        const created = await createOrgApp('org_acme', { ...app, title: `Paged ${i}` });
        if (!created.ok) throw new Error('not created');
        made.push(created.id);
      }
      expect((await gw.client.mint(made[1]!, { cookie: alice })).status).toBe(200);
      const all = (await listOrgApps('org_acme')).map((a) => a.id);
      expect(all.slice(0, 5)).toEqual([...made].reverse());

      const first = await pageOfOrgApps('org_acme', null, 2);
      expect(first.apps.map((a) => a.id)).toEqual([made[4], made[3]]);
      // Deleted and added between pages: the next page starts where the first ended.
      expect(await softDeleteOrgApp('org_acme', made[2]!)).toBe(true);
      const added = await createOrgApp('org_acme', { ...app, title: 'Added meanwhile' });
      if (!added.ok) throw new Error('not created');
      const second = await pageOfOrgApps('org_acme', first.older, 2);
      expect(second.apps.map((a) => a.id)).toEqual([made[1], made[0]]);
      expect(second.apps[0]!.lastMintAt).toBeInstanceOf(Date);
      expect(second.apps[1]!.lastMintAt).toBeNull();

      const seen: string[] = [];
      for (let before = null as Parameters<typeof pageOfOrgApps>[1], n = 0; n === 0 || before; n++) {
        const page = await pageOfOrgApps('org_acme', before, 2);
        seen.push(...page.apps.map((a) => a.id));
        before = page.older;
      }
      expect(seen).toEqual((await listOrgApps('org_acme')).map((a) => a.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen[0]).toBe(added.id);
      expect(seen).not.toContain(made[2]);
      expect((await pageOfOrgApps('org_globex', null, 2)).apps.map((a) => a.id)).toEqual(['run_globex_tracker']);
      // Another org's cursor pages within the caller's own org: it says where to start, nothing more.
      expect((await pageOfOrgApps('org_globex', first.older, 2)).apps.every((a) => a.id.startsWith('run_globex'))).toBe(true);
      for (const id of [...made, added.id]) await softDeleteOrgApp('org_acme', id);
    });

    it('apps: a viewer’s list stops at its limit and says there are more; the shown ones are the full list’s first', async () => {
      const full = await listAppsForUser('usr_alice');
      expect(full.more).toBe(false);
      expect(full.apps.length).toBeGreaterThan(2);
      const firstTwo = await listAppsForUser('usr_alice', 2);
      expect(firstTwo).toEqual({ apps: full.apps.slice(0, 2), more: true });
      expect(await listAppsForUser('usr_alice', full.apps.length)).toEqual({ apps: full.apps, more: false });
    });

    it('apps: one live app per origin, in any org; a proxied app gets its own proxy origin', async () => {
      const taken = { ...app, artifactUrl: 'http://RUN-ACME-DASHBOARD.apps.localhost:3100/other/path' };
      const refused = { ok: false, reason: 'origin_taken', origin: 'http://run-acme-dashboard.apps.localhost:3100' };
      expect(await createOrgApp('org_acme', { ...taken, artifactUrl: new URL(taken.artifactUrl).href })).toEqual(refused);
      expect(await createOrgApp('org_globex', { ...taken, artifactUrl: new URL(taken.artifactUrl).href, workflowId: 'wf_globex_ops' })).toEqual(refused);
      expect(await updateOrgApp('org_acme', 'run_acme_onboarding', { ...taken, artifactUrl: new URL(taken.artifactUrl).href })).toEqual(refused);
      // The app that holds the origin keeps it when saved again.
      const own = { ...app, artifactUrl: 'http://run-acme-dashboard.apps.localhost:3100/' };
      expect(await updateOrgApp('org_acme', 'run_acme_dashboard', { ...own, title: 'Sales dashboard' })).toEqual({ ok: true, id: 'run_acme_dashboard' });

      const free = { ...app, artifactUrl: 'http://suite-free.apps.localhost:3100/' };
      const first = await createOrgApp('org_acme', free);
      if (!first.ok) throw new Error('not created');
      expect(await createOrgApp('org_acme', free)).toMatchObject({ ok: false, reason: 'origin_taken' });
      expect(await softDeleteOrgApp('org_acme', first.id)).toBe(true);
      const again = await createOrgApp('org_acme', free);
      expect(again.ok).toBe(true);
      if (again.ok) await softDeleteOrgApp('org_acme', again.id);

      const proxied = await createOrgApp('org_acme', { ...app, hosting: 'proxy', upstreamUrl: 'http://127.0.0.1:3201/' });
      if (!proxied.ok) throw new Error('not created');
      const stored = await findOrgApp('org_acme', proxied.id);
      expect(stored?.artifactUrl).toBe(`http://${proxied.id.toLowerCase().replace(/_/g, '-')}.proxy.localhost:3200/`);
      expect(stored?.upstreamUrl).toBe('http://127.0.0.1:3201/');
      await softDeleteOrgApp('org_acme', proxied.id);
    });

    it('members: the last admin can be neither demoted nor removed', async () => {
      expect(await changeMembership('org_acme', 'usr_alice', 'member')).toBe('last_admin');
      expect(await changeMembership('org_acme', 'usr_alice', null)).toBe('last_admin');
      expect(await changeMembership('org_acme', 'usr_bob', null)).toBe('not_found');
      expect((await listOrgMembers('org_acme')).find((m) => m.userId === 'usr_alice')?.role).toBe('admin');
    });

    it('members: two admins demoting each other at the same moment leave one admin', async () => {
      expect(await changeMembership('org_acme', 'usr_carol', 'admin')).toBe('ok');
      const results = await Promise.all([changeMembership('org_acme', 'usr_alice', 'member'), changeMembership('org_acme', 'usr_carol', 'member')]);
      expect(results.sort()).toEqual(['last_admin', 'ok']);
      const admins = (await listOrgMembers('org_acme')).filter((m) => m.role === 'admin');
      expect(admins).toHaveLength(1);
      // Back to the demo world: alice admin, carol member.
      await changeMembership('org_acme', 'usr_alice', 'admin');
      await changeMembership('org_acme', 'usr_carol', 'member');
    });

    it('members: removal governs the very next mint, for an API token too', async () => {
      const { token } = await createApiToken({ userId: 'usr_carol', orgId: 'org_acme' });
      expect((await gw.client.mint('run_acme_dashboard', { bearer: token })).status).toBe(200);
      expect(await changeMembership('org_acme', 'usr_carol', null)).toBe('ok');
      expect((await gw.client.mint('run_acme_dashboard', { bearer: token })).status).toBe(404);
      // Back in only by her own consent: an invitation she accepts.
      const inv = ok(await createInvitation({ orgId: 'org_acme', email: 'CAROL@example.test', role: 'member', invitedBy: 'usr_alice' }));
      expect((await gw.client.mint('run_acme_dashboard', { bearer: token })).status).toBe(404);
      expect(await answerInvitation(inv.id, 'usr_carol', 'accept')).toBe('Acme Inc');
      expect(await createInvitation({ orgId: 'org_acme', email: 'carol@example.test', role: 'member', invitedBy: 'usr_alice' })).toMatchObject({ ok: false, code: 'conflict', detail: 'That person is already a member.' });
      expect((await gw.client.mint('run_acme_dashboard', { bearer: token })).status).toBe(200);
    });

    it('audit: an org sees only its members’ rows, newest first, a page at a time; the CSV quotes every cell', async () => {
      const carol = await gw.client.signIn('carol@example.test');
      // carol is a member of Acme acting in Globex: her refusals are Acme's to see.
      for (let i = 0; i < 3; i++) {
        await gw.client.mint('run_acme_dashboard', { cookie: carol, headers: { 'user-agent': i === 0 ? `Mozilla;=cmd|' /C calc'!A0;` : 'suite' } });
      }
      // bob is no member of Acme: his probes are the platform's, never in Acme's log.
      await gw.client.mint('run_acme_dashboard', { cookie: bob, headers: { 'user-agent': '@SUM(1+1)*cmd' } });
      expect((await gw.client.mint('run_globex_tracker', { cookie: bob })).status).toBe(200);

      const acmeCarol = await listAuditEvents('org_acme', { ...NO_FILTERS, userId: 'usr_carol', result: 'denied' }, null);
      expect(acmeCarol.rows).toHaveLength(3);
      expect(acmeCarol.rows.every((r) => r.code === 'org_mismatch' && r.appId === 'run_acme_dashboard')).toBe(true);
      expect(acmeCarol.rows.map((r) => r.id)).toEqual([...acmeCarol.rows.map((r) => r.id)].sort((a, b) => b - a));
      expect((await listAuditEvents('org_acme', { ...NO_FILTERS, userId: 'usr_bob' }, null)).rows).toHaveLength(0);
      const platform = await listAuditEvents(null, NO_FILTERS, null);
      expect(platform.rows[0]).toMatchObject({ userId: 'usr_bob', appId: 'run_acme_dashboard', code: 'not_found', userAgent: '@SUM(1+1)*cmd' });

      const globex = await listAuditEvents('org_globex', NO_FILTERS, null);
      expect(globex.rows.length).toBeGreaterThan(0);
      expect(globex.rows.every((r) => r.appId === 'run_globex_tracker')).toBe(true);
      expect((await auditFilterOptions('org_globex')).apps.map((a) => a.id)).toEqual(['run_globex_tracker']);

      const filters = { ...NO_FILTERS, userId: 'usr_carol', result: 'denied' as const };
      const first = await listAuditEvents('org_acme', filters, null, 2);
      expect(first.rows).toHaveLength(2);
      const second = await listAuditEvents('org_acme', filters, first.nextBefore, 2);
      expect(second.rows).toHaveLength(1);
      expect(second.nextBefore).toBeNull();
      expect(second.rows[0]!.id).toBeLessThan(first.rows[1]!.id);

      const none = await listAuditEvents('org_acme', { ...NO_FILTERS, from: new Date(Date.now() + 60_000) }, null);
      expect(none.rows).toHaveLength(0);

      const csv = await new Response(auditCsvStream('org_acme', filters)).text();
      const lines = csv.trimEnd().split('\r\n');
      expect(lines).toHaveLength(4);
      expect(lines[0]).toMatch(/^"time_utc","result","code","user_id",/);
      // Quoted, so a `;` locale keeps it one cell and `=cmd` never starts one.
      expect(csv).toContain(`,"Mozilla;=cmd|' /C calc'!A0;",`);
      expect(csv).not.toContain('run_globex_tracker');
      expect(csv).not.toContain('usr_bob');
    });

    it('invitations: one pending per email and org, whatever the letter case; never for a member; an existing user accepts or declines', async () => {
      const invite = (orgId: string, email: string, expiresInDays?: number) => createInvitation({ orgId, email, role: 'member', invitedBy: 'usr_alice', expiresInDays });
      const first = ok(await invite('org_acme', ' New.Person@Example.test '));
      expect(first.email).toBe('New.Person@Example.test');
      expect(await invite('org_acme', 'new.person@example.TEST')).toMatchObject({ ok: false, code: 'conflict', detail: 'That email already has a pending invitation: revoke it first to invite again.' });
      expect(await invite('org_acme', 'CAROL@example.test')).toMatchObject({ ok: false, code: 'conflict', detail: 'That person is already a member.' });
      expect(await invite('org_acme', 'someone@example.test', 91)).toMatchObject({ ok: false, code: 'invalid_request' });
      expect(await invite('org_acme', 'not-an-email')).toMatchObject({ ok: false, code: 'invalid_request', detail: 'Enter a valid email address.' });
      expect(await invite('org_nope', 'someone@example.test')).toMatchObject({ ok: false, code: 'not_found' });
      expect(ok(await invite('org_globex', 'new.person@example.test')).orgId).toBe('org_globex');

      const listed = (await listInvitations('org_acme')).filter((i) => i.state === 'pending');
      expect(listed.map((i) => [i.email, i.state, i.inviterName])).toEqual([['New.Person@Example.test', 'pending', 'Alice Anders']]);
      expect(await revokeInvitation(first.id, 'org_globex')).toBe(false);
      expect(await revokeInvitation(first.id, 'org_acme')).toBe(true);
      expect(await revokeInvitation(first.id, 'org_acme')).toBe(false);
      expect((await listInvitations('org_acme'))[0]!.state).toBe('revoked');
      expect(ok(await invite('org_acme', 'new.person@example.test')).id).not.toBe(first.id);

      // Two admins inviting the same email at the same moment: one invitation.
      const raced = await Promise.all([invite('org_acme', 'race@example.test'), invite('org_acme', 'RACE@example.test')]);
      expect(raced.filter((r) => r.ok)).toHaveLength(1);
      expect(raced.find((r) => !r.ok)).toMatchObject({ code: 'conflict' });

      // An existing user is never added by an invitation alone: he answers it.
      const forDave = ok(await invite('org_globex', 'Dave@Example.test'));
      expect((await listOpenInvitationsFor('usr_dave')).map((i) => [i.id, i.orgName, i.role, i.inviterName])).toEqual([[forDave.id, 'Globex Corp', 'member', 'Alice Anders']]);
      expect(await listOpenInvitationsFor('usr_bob')).toEqual([]);
      expect(await answerInvitation(forDave.id, 'usr_bob', 'accept')).toBeNull(); // not his
      expect((await listOrgMembers('org_globex')).some((m) => m.userId === 'usr_dave')).toBe(false);
      expect(await answerInvitation(forDave.id, 'usr_dave', 'accept')).toBe('Globex Corp');
      expect(await answerInvitation(forDave.id, 'usr_dave', 'decline')).toBeNull(); // already answered
      const accepted = (await listInvitations('org_globex')).find((i) => i.id === forDave.id);
      expect(accepted).toMatchObject({ state: 'accepted', acceptedBy: 'usr_dave' });
      expect(await invite('org_globex', 'dave@example.test')).toMatchObject({ ok: false, code: 'conflict', detail: 'That person is already a member.' });
      expect(await changeMembership('org_globex', 'usr_dave', null)).toBe('ok');

      // Declined: stays out, the invitation is closed, and the org may invite again.
      const again = ok(await invite('org_globex', 'dave@example.test'));
      expect(await answerInvitation(again.id, 'usr_dave', 'decline')).toBe('Globex Corp');
      expect(await answerInvitation(again.id, 'usr_dave', 'accept')).toBeNull();
      expect((await listInvitations('org_globex')).find((i) => i.id === again.id)?.state).toBe('declined');
      expect(await listOpenInvitationsFor('usr_dave')).toEqual([]);
      expect((await listOrgMembers('org_globex')).some((m) => m.userId === 'usr_dave')).toBe(false);
      expect(await revokeInvitation(again.id, 'org_globex')).toBe(false);
    });
  });
}
