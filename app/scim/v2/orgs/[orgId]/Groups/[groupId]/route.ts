import { scimGroupResources } from '@/lib/gateway/scim/groups';
import { scimResourceRoutes } from '@/lib/platform/http/scim-route';

export const dynamic = 'force-dynamic';

// GET /scim/v2/orgs/{orgId}/Groups/{id} — one scim group with its members
// PUT /scim/v2/orgs/{orgId}/Groups/{id} — replace the group, members too
// PATCH /scim/v2/orgs/{orgId}/Groups/{id} — members add/remove (members[value eq "…"]), displayName replace; all or nothing
// DELETE /scim/v2/orgs/{orgId}/Groups/{id} — delete the group; its members lose the apps it alone opened
// Any other method on a group — 405 with Allow: GET, PUT, PATCH, DELETE
export const { GET, PUT, PATCH, DELETE, POST } = scimResourceRoutes('/scim/v2/orgs/{orgId}/Groups/{id}', 'groupId', scimGroupResources);
