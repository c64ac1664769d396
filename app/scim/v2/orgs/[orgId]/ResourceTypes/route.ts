import { resourceTypes } from '@/lib/gateway/scim/discovery';
import { listResponse } from '@/lib/gateway/scim/paging';
import { scimJson } from '@/lib/platform/http/scim-response';
import { scimRoute } from '@/lib/platform/http/scim-route';

export const dynamic = 'force-dynamic';

// GET /scim/v2/orgs/{orgId}/ResourceTypes — User and Group (RFC 7644 §4)
export const GET = scimRoute('/scim/v2/orgs/{orgId}/ResourceTypes', async (ctx) => {
  const types = resourceTypes(ctx.base);
  return scimJson(listResponse(types, types.length, { startIndex: 1, count: types.length }));
});
