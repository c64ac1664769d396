import { schemas } from '@/lib/gateway/scim/discovery';
import { listResponse } from '@/lib/gateway/scim/paging';
import { scimJson } from '@/lib/platform/http/scim-response';
import { scimRoute } from '@/lib/platform/http/scim-route';

export const dynamic = 'force-dynamic';

// GET /scim/v2/orgs/{orgId}/Schemas — the User and Group schemas as this server keeps them (RFC 7643 §7)
export const GET = scimRoute('/scim/v2/orgs/{orgId}/Schemas', async (ctx) => {
  const all = schemas(ctx.base);
  return scimJson(listResponse(all, all.length, { startIndex: 1, count: all.length }));
});
