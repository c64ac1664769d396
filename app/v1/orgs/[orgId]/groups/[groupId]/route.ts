import { managementResourceRoutes } from '@/lib/auth/management-resource-routes';
import { deleteOrgGroup, getOrgGroup, renameOrgGroup } from '@/lib/gateway/management/groups';

export const dynamic = 'force-dynamic';

// GET /v1/orgs/{orgId}/groups/{groupId} — the group and its members
// PATCH /v1/orgs/{orgId}/groups/{groupId} — rename it (a merge patch of display_name)
// DELETE /v1/orgs/{orgId}/groups/{groupId} — delete it: it leaves every app's rule, its members lose what it opened
// Any other method on a group — 405 with Allow: GET, PATCH, DELETE
export const { GET, PATCH, DELETE, POST, PUT } = managementResourceRoutes(
  '/v1/orgs/{orgId}/groups/{groupId}',
  'groupId',
  { read: 'groups:write', write: 'groups:write' },
  { get: getOrgGroup, patch: renameOrgGroup, remove: deleteOrgGroup },
);
