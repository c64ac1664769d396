import { resourceTypes } from '@/lib/gateway/scim/discovery';
import { listResponse } from '@/lib/gateway/scim/paging';
import { route } from '@/lib/platform/http/route';
import { scimContext } from '@/lib/platform/http/scim-context';
import { scimJson } from '@/lib/platform/http/scim-response';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

// GET /scim/v2/orgs/{orgId}/ResourceTypes — User and Group (RFC 7644 §4)
export const GET = route<Ctx>(async (req, { params }) => {
  const ctx = await scimContext(req, (await params).orgId);
  if (!ctx.ok) return ctx;
  const types = resourceTypes(ctx.base);
  return scimJson(listResponse(types, types.length, { startIndex: 1, count: types.length }));
}, '/scim/v2/orgs/{orgId}/ResourceTypes');
