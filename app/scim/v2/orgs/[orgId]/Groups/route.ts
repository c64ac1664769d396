import { scimGroupResources } from '@/lib/gateway/scim/groups';
import { scimCollectionRoutes } from '@/lib/platform/http/scim-route';

export const dynamic = 'force-dynamic';

// GET /scim/v2/orgs/{orgId}/Groups — the org's scim groups: filter displayName/externalId eq, startIndex/count paging
// POST /scim/v2/orgs/{orgId}/Groups — a new scim group; its members must be members of the org
// Any other method on the Groups collection — 405 with Allow: GET, POST
export const { GET, POST, PUT, PATCH, DELETE } = scimCollectionRoutes('/scim/v2/orgs/{orgId}/Groups', scimGroupResources);
