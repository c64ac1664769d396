import { scimUserResources } from '@/lib/gateway/scim/users';
import { scimCollectionRoutes } from '@/lib/platform/http/scim-route';

export const dynamic = 'force-dynamic';

// GET /scim/v2/orgs/{orgId}/Users — the org's own SCIM users: filter userName/displayName/externalId eq, startIndex/count paging
// POST /scim/v2/orgs/{orgId}/Users — provision a person at the org's verified domain: a new account, or an existing one claimed
// Any other method on the Users collection — 405 with Allow: GET, POST
export const { GET, POST, PUT, PATCH, DELETE } = scimCollectionRoutes('/scim/v2/orgs/{orgId}/Users', scimUserResources);
