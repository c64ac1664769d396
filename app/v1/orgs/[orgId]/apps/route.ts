import { managementBodyRoute, managementRoute } from '@/lib/auth/management-route';
import { listApps } from '@/lib/gateway/management/apps';
import { registerApp } from '@/lib/gateway/management/register-app';
import { env } from '@/lib/platform/config/env';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementAnswer, managementJson } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

const TEMPLATE = '/v1/orgs/{orgId}/apps';

// POST /v1/orgs/{orgId}/apps — register a run's app under its own id (201 + Location; the same body again: 200)
export const POST = managementBodyRoute(TEMPLATE, 'apps:write', async (caller, { orgId }, body, req) => {
  const registered = await registerApp(caller, body, clientInfo(req));
  if (!registered.ok) return registered;
  const { created, app } = registered;
  const location = `${env().APP_URL}/v1/orgs/${encodeURIComponent(orgId)}/apps/${encodeURIComponent(app.id)}`;
  return managementJson(app, created ? 201 : 200, created ? { location } : {});
});

// GET /v1/orgs/{orgId}/apps?limit=&cursor= — the org's apps, a page at a time
export const GET = managementRoute(TEMPLATE, 'apps:read', async (caller, _params, req) => managementAnswer(await listApps(caller, new URL(req.url).searchParams)));

// Any other method on the apps collection — 405 with Allow: GET, POST
export const { PUT, PATCH, DELETE } = methodsNotAllowed('GET, POST');
