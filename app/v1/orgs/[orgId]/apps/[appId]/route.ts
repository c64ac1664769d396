import { managementBodyRoute, managementRoute } from '@/lib/auth/management-route';
import { deleteApp, getApp } from '@/lib/gateway/management/apps';
import { patchApp } from '@/lib/gateway/management/patch-app';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementAnswer, managementDone } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Params = { orgId: string; appId: string };
const TEMPLATE = '/v1/orgs/{orgId}/apps/{appId}';

// GET /v1/orgs/{orgId}/apps/{appId} — one app of the org
export const GET = managementRoute<Params>(TEMPLATE, 'apps:read', async (caller, { appId }) => managementAnswer(await getApp(caller, appId)));

// PATCH /v1/orgs/{orgId}/apps/{appId} — change an app with a JSON Merge Patch (RFC 7396)
export const PATCH = managementBodyRoute<Params>(TEMPLATE, 'apps:write', async (caller, { appId }, patch, req) => managementAnswer(await patchApp(caller, appId, patch, clientInfo(req))), 'merge-patch');

// DELETE /v1/orgs/{orgId}/apps/{appId} — delete the app: the mint refuses it, the feed names it, its id is never reused
export const DELETE = managementRoute<Params>(TEMPLATE, 'apps:write', async (caller, { appId }, req) => managementDone(await deleteApp(caller, appId, clientInfo(req))));

// Any other method on an app — 405 with Allow: GET, PATCH, DELETE
export const { POST, PUT } = methodsNotAllowed('GET, PATCH, DELETE');
