import { managementResourceRoutes } from '@/lib/auth/management-resource-routes';
import { deleteApp, getApp } from '@/lib/gateway/management/apps';
import { patchApp } from '@/lib/gateway/management/patch-app';

export const dynamic = 'force-dynamic';

// GET /v1/orgs/{orgId}/apps/{appId} — one app of the org
// PATCH /v1/orgs/{orgId}/apps/{appId} — change an app with a JSON Merge Patch (RFC 7396)
// DELETE /v1/orgs/{orgId}/apps/{appId} — delete the app: the mint refuses it, the feed names it, its id is never reused
// Any other method on an app — 405 with Allow: GET, PATCH, DELETE
export const { GET, PATCH, DELETE, POST, PUT } = managementResourceRoutes(
  '/v1/orgs/{orgId}/apps/{appId}',
  'appId',
  { read: 'apps:read', write: 'apps:write' },
  { get: getApp, patch: patchApp, remove: deleteApp },
);
