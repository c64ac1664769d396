import { authorizeManagement } from '@/lib/auth/management-caller';
import { listApps } from '@/lib/gateway/management/apps';
import { registerApp } from '@/lib/gateway/management/register-app';
import { env } from '@/lib/platform/config/env';
import { clientInfo } from '@/lib/platform/http/client-info';
import { MANAGEMENT_BODY_LIMIT, readJson } from '@/lib/platform/http/json-body';
import { managementAnswer, managementJson } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

// POST /v1/orgs/{orgId}/apps — register a run's app under its own id (201 + Location; the same body again: 200)
export const POST = route<Ctx>(async (req, { params }) => {
  const { orgId } = await params;
  const caller = await authorizeManagement(req, orgId, 'apps:write');
  if (!caller.ok) return caller;
  const body = await readJson(req, MANAGEMENT_BODY_LIMIT);
  if (!body.ok) return body;
  const registered = await registerApp(caller, body.json, clientInfo(req));
  if (!registered.ok) return registered;
  const { created, app } = registered;
  const location = `${env().APP_URL}/v1/orgs/${encodeURIComponent(orgId)}/apps/${encodeURIComponent(app.id)}`;
  return managementJson(app, created ? 201 : 200, created ? { location } : {});
}, '/v1/orgs/{orgId}/apps');

// GET /v1/orgs/{orgId}/apps?limit=&cursor= — the org's apps, a page at a time
export const GET = route<Ctx>(async (req, { params }) => {
  const { orgId } = await params;
  const caller = await authorizeManagement(req, orgId, 'apps:read');
  if (!caller.ok) return caller;
  return managementAnswer(await listApps(caller, new URL(req.url).searchParams));
}, '/v1/orgs/{orgId}/apps');

// Any other method on the apps collection — 405 with Allow: GET, POST
export const PUT = methodNotAllowed('GET, POST');
export const PATCH = methodNotAllowed('GET, POST');
export const DELETE = methodNotAllowed('GET, POST');
