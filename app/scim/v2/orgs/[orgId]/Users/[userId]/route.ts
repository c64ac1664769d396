import { scimUserResources } from '@/lib/gateway/scim/users';
import { scimResourceRoutes } from '@/lib/platform/http/scim-route';

export const dynamic = 'force-dynamic';

// GET /scim/v2/orgs/{orgId}/Users/{id} — one SCIM user, suspended ones too (active: false)
// PUT /scim/v2/orgs/{orgId}/Users/{id} — replace the user; active: false suspends the membership, true restores it
// PATCH /scim/v2/orgs/{orgId}/Users/{id} — PatchOp operations, all or nothing
// DELETE /scim/v2/orgs/{orgId}/Users/{id} — deprovision: the person leaves the org (their account stays)
// Any other method on a user — 405 with Allow: GET, PUT, PATCH, DELETE
export const { GET, PUT, PATCH, DELETE, POST } = scimResourceRoutes('/scim/v2/orgs/{orgId}/Users/{id}', 'userId', scimUserResources);
