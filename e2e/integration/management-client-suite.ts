import { beforeAll, describe, expect, it } from 'vitest';
import { createManagementClient, type ManagementClient } from '@/lib/management-client/client';
import type { DbKind } from './harness/databases';
import { gatewayForSuite } from './harness/gateway-fixture';
import { serviceAccountToken } from './harness/management';

/**
 * The typed client the AI platform imports (lib/management-client), against a real gateway: a run's
 * app registered end to end — workflow, app, retry, read, list, merge patch, delete — as a pipeline would.
 */
export function describeManagementClient(kind: DbKind) {
  describe(`the management client on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    let gateway: ManagementClient;
    const orgId = 'org_acme';
    const runId = `run_client_${kind}_${Date.now().toString(36)}`;
    const workflowId = `wf_client_${kind}`;
    const body = {
      id: runId,
      workflow_id: workflowId,
      title: 'Nightly report',
      artifact_url: `http://${runId.replace(/_/g, '-')}.apps.localhost:3100/`,
      access: { rule: 'admins' as const, members: [], groups: [] },
    };

    beforeAll(async () => {
      // As the platform's operator would: a service account with the scopes a pipeline needs.
      const { token } = await serviceAccountToken(orgId, ['apps:read', 'apps:write'], 'AI platform pipeline');
      gateway = createManagementClient({ baseUrl: `${gw.url}/`, token });
    });

    it('registers a run’s app: PUT the workflow, POST the app (a retry is 200), GET it, find it in the list', async () => {
      const workflow = await gateway.PUT('/v1/orgs/{orgId}/workflows/{workflowId}', { params: { path: { orgId, workflowId } }, body: { name: 'Nightly runs' } });
      expect(workflow.response.status).toBe(201);
      expect(workflow.data).toMatchObject({ id: workflowId, org_id: orgId, name: 'Nightly runs' });

      const created = await gateway.POST('/v1/orgs/{orgId}/apps', { params: { path: { orgId } }, body });
      expect(created.response.status).toBe(201);
      expect(created.response.headers.get('location')).toMatch(new RegExp(`/v1/orgs/${orgId}/apps/${runId}$`));
      expect(created.data).toMatchObject({ id: runId, org_id: orgId, workflow_id: workflowId, title: 'Nightly report', access: { rule: 'admins' }, visibility: 'login_required' });
      // The pipeline retried after a timeout: the same body is the same app.
      const retried = await gateway.POST('/v1/orgs/{orgId}/apps', { params: { path: { orgId } }, body });
      expect(retried.response.status).toBe(200);
      expect(retried.data).toEqual(created.data);

      const read = await gateway.GET('/v1/orgs/{orgId}/apps/{appId}', { params: { path: { orgId, appId: runId } } });
      expect(read.response.status).toBe(200);
      expect(read.data).toEqual(created.data);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await gateway.GET('/v1/orgs/{orgId}/apps', { params: { path: { orgId }, query: { limit: 2, ...(cursor ? { cursor } : {}) } } });
        expect(page.response.status).toBe(200);
        seen.push(...page.data!.apps.map((a) => a.id));
        cursor = page.data!.next_cursor ?? undefined;
      } while (cursor);
      expect(seen).toContain(runId);
      expect(seen).toContain('run_acme_dashboard');
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('changes it with a merge patch (sent as application/merge-patch+json), then deletes it', async () => {
      const patched = await gateway.PATCH('/v1/orgs/{orgId}/apps/{appId}', {
        params: { path: { orgId, appId: runId } },
        body: { title: 'Nightly report (final)', access: { rule: 'everyone' } },
      });
      expect(patched.error).toBeUndefined();
      expect(patched.response.status).toBe(200);
      expect(patched.data).toMatchObject({ id: runId, title: 'Nightly report (final)', workflow_id: workflowId, access: { rule: 'everyone' } });

      const deleted = await gateway.DELETE('/v1/orgs/{orgId}/apps/{appId}', { params: { path: { orgId, appId: runId } } });
      expect(deleted.response.status).toBe(204);
      const gone = await gateway.GET('/v1/orgs/{orgId}/apps/{appId}', { params: { path: { orgId, appId: runId } } });
      expect(gone.response.status).toBe(404);
      expect(gone.error).toMatchObject({ code: 'not_found', status: 404 });
    });

    it('a refusal comes back typed: a bad field is 422 naming it, a missing scope 403 naming the scope', async () => {
      const bad = await gateway.POST('/v1/orgs/{orgId}/apps', { params: { path: { orgId } }, body: { ...body, id: `${runId}_2`, title: '' } });
      expect(bad.response.status).toBe(422);
      expect(bad.error).toMatchObject({ code: 'validation_failed' });
      const reader = createManagementClient({ baseUrl: gw.url, token: (await serviceAccountToken(orgId, ['apps:read'], 'Reader')).token });
      const refused = await reader.DELETE('/v1/orgs/{orgId}/apps/{appId}', { params: { path: { orgId, appId: 'run_acme_dashboard' } } });
      expect(refused.response.status).toBe(403);
      expect(refused.response.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="apps:write"');
    });
  });
}
