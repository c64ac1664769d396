// The console's app form (its server actions, on PGlite with the demo world): an upstream that
// ARTIFACT_PROXY_UPSTREAMS does not allow is refused on the upstream field, and nothing is saved.
import { describe, expect, it, vi } from 'vitest';
import { idleState } from '@/lib/ui/forms/action-state';
import { findOrgApp, listOrgApps } from '@/lib/gateway/apps/org-apps';
import { gatewayForSuite } from './harness/gateway-fixture';

const admin = vi.hoisted(() => ({ orgId: 'org_acme', orgName: 'Acme', userId: 'usr_alice' }));
vi.mock('@/lib/auth/require-role', () => ({
  requireOrgAdmin: async () => ({ ok: true, viewer: { id: admin.userId }, orgId: admin.orgId, orgName: admin.orgName }),
  refusalMessage: () => 'refused',
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { registerApp, updateApp } = await import('@/app/admin/_actions/apps');

// The domain calls below run against this gateway's database and configuration.
gatewayForSuite('pglite', { ARTIFACT_PLAIN_UPSTREAM_URL: 'http://127.0.0.1:3201', ARTIFACT_PROXY_UPSTREAMS: '127.0.0.1:3201,org_acme=127.0.0.1:7001' });

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries({ title: 'Internal tool', workflowId: 'wf_acme_reports', hosting: 'proxy', artifactUrl: '', access: 'login_required', ...fields })) data.set(k, v);
  return data;
};
// The demo world's admins: Alice of Acme, Carol of Globex (the audit row names the one acting).
const as = (orgId: string, orgName: string) => Object.assign(admin, { orgId, orgName, userId: orgId === 'org_acme' ? 'usr_alice' : 'usr_carol' });

describe('console: registering an app served by the artifact proxy', () => {
  it('refuses an internal service the operator has not allowed, on the upstream field, and registers nothing', async () => {
    as('org_acme', 'Acme');
    const before = (await listOrgApps('org_acme')).length;
    const state = await registerApp(idleState(), form({ upstreamUrl: 'http://127.0.0.1:6379/' }));
    expect(state.status).toBe('error');
    expect(state.message).toBe('Check the highlighted fields; nothing was saved.');
    expect(state.fieldErrors).toEqual({
      upstreamUrl:
        'The artifact proxy may not connect to 127.0.0.1:6379: it is not allowed in ARTIFACT_PROXY_UPSTREAMS. ' +
        'Ask the operator to add org_acme=127.0.0.1:6379 to it, or use an upstream that is allowed.',
    });
    expect((await listOrgApps('org_acme')).length).toBe(before);
  });

  it('an entry scoped to one org: its admins may use it, another org’s may not', async () => {
    as('org_globex', 'Globex');
    const globex = await registerApp(idleState(), form({ workflowId: 'wf_globex_ops', upstreamUrl: 'http://127.0.0.1:7001/' }));
    expect(globex.fieldErrors.upstreamUrl).toContain('Ask the operator to add org_globex=127.0.0.1:7001');
    as('org_acme', 'Acme');
    const acme = await registerApp(idleState(), form({ upstreamUrl: 'http://127.0.0.1:7001/' }));
    expect(acme.status).toBe('ok');
  });

  it('editing an app to point at the cloud metadata service is refused and the upstream stays', async () => {
    as('org_acme', 'Acme');
    const data = form({ title: 'Team roster (plain)', upstreamUrl: 'http://169.254.169.254/latest/' });
    data.set('appId', 'run_acme_plain');
    const state = await updateApp(idleState(), data);
    expect(state.status).toBe('error');
    expect(state.fieldErrors.upstreamUrl).toContain('may not connect to 169.254.169.254:80');
    expect((await findOrgApp('org_acme', 'run_acme_plain'))?.upstreamUrl).toBe('http://127.0.0.1:3201/');
  });
});
