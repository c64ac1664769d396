import { authorizeManagement } from '@/lib/auth/management-caller';
import { deleteApp, getApp } from '@/lib/gateway/management/apps';
import { patchApp } from '@/lib/gateway/management/patch-app';
import { clientInfo } from '@/lib/platform/http/client-info';
import { MANAGEMENT_BODY_LIMIT, readJson } from '@/lib/platform/http/json-body';
import { managementAnswer, managementDone } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; appId: string }> };

// GET /v1/orgs/{orgId}/apps/{appId} — one app of the org
export const GET = route<Ctx>(async (req, { params }) => {
  const { orgId, appId } = await params;
  const caller = await authorizeManagement(req, orgId, 'apps:read');
  if (!caller.ok) return caller;
  return managementAnswer(await getApp(caller, appId));
}, '/v1/orgs/{orgId}/apps/{appId}');

// PATCH /v1/orgs/{orgId}/apps/{appId} — change an app with a JSON Merge Patch (RFC 7396)
export const PATCH = route<Ctx>(async (req, { params }) => {
  const { orgId, appId } = await params;
  const caller = await authorizeManagement(req, orgId, 'apps:write');
  if (!caller.ok) return caller;
  const patch = await readJson(req, MANAGEMENT_BODY_LIMIT, 'merge-patch');
  if (!patch.ok) return patch;
  return managementAnswer(await patchApp(caller, appId, patch.json, clientInfo(req)));
}, '/v1/orgs/{orgId}/apps/{appId}');

// DELETE /v1/orgs/{orgId}/apps/{appId} — delete the app: the mint refuses it, the feed names it, its id is never reused
export const DELETE = route<Ctx>(async (req, { params }) => {
  const { orgId, appId } = await params;
  const caller = await authorizeManagement(req, orgId, 'apps:write');
  if (!caller.ok) return caller;
  return managementDone(await deleteApp(caller, appId, clientInfo(req)));
}, '/v1/orgs/{orgId}/apps/{appId}');

// Any other method on an app — 405 with Allow: GET, PATCH, DELETE
export const POST = methodNotAllowed('GET, PATCH, DELETE');
export const PUT = methodNotAllowed('GET, PATCH, DELETE');
