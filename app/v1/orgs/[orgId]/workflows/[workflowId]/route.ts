import { managementBodyRoute } from '@/lib/auth/management-route';
import { putWorkflow } from '@/lib/gateway/management/workflows';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementJson } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// PUT /v1/orgs/{orgId}/workflows/{workflowId} — create the workflow (201) or set its name (200)
export const PUT = managementBodyRoute<{ orgId: string; workflowId: string }>('/v1/orgs/{orgId}/workflows/{workflowId}', 'apps:write', async (caller, { workflowId }, body, req) => {
  const put = await putWorkflow(caller, workflowId, body, clientInfo(req));
  if (!put.ok) return put;
  return managementJson(put.workflow, put.created ? 201 : 200);
});

// Any other method on a workflow — 405 with Allow: PUT
export const { GET, POST, PATCH, DELETE } = methodsNotAllowed('PUT');
