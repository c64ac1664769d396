import { authorizeManagement } from '@/lib/auth/management-caller';
import { putWorkflow } from '@/lib/gateway/management/workflows';
import { clientInfo } from '@/lib/platform/http/client-info';
import { MANAGEMENT_BODY_LIMIT, readJson } from '@/lib/platform/http/json-body';
import { managementJson } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; workflowId: string }> };

// PUT /v1/orgs/{orgId}/workflows/{workflowId} — create the workflow (201) or set its name (200)
export const PUT = route<Ctx>(async (req, { params }) => {
  const { orgId, workflowId } = await params;
  const caller = await authorizeManagement(req, orgId, 'apps:write');
  if (!caller.ok) return caller;
  const body = await readJson(req, MANAGEMENT_BODY_LIMIT);
  if (!body.ok) return body;
  const put = await putWorkflow(caller, workflowId, body.json, clientInfo(req));
  if (!put.ok) return put;
  return managementJson(put.workflow, put.created ? 201 : 200);
}, '/v1/orgs/{orgId}/workflows/{workflowId}');

// Any other method on a workflow — 405 with Allow: PUT
export const GET = methodNotAllowed('PUT');
export const POST = methodNotAllowed('PUT');
export const PATCH = methodNotAllowed('PUT');
export const DELETE = methodNotAllowed('PUT');
