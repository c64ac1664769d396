import { listResponse } from '@/lib/gateway/scim/paging';
import { schemas } from '@/lib/gateway/scim/discovery';
import { route } from '@/lib/platform/http/route';
import { scimContext } from '@/lib/platform/http/scim-context';
import { scimJson } from '@/lib/platform/http/scim-response';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

// GET /scim/v2/orgs/{orgId}/Schemas — the User and Group schemas as this server keeps them (RFC 7643 §7)
export const GET = route<Ctx>(async (req, { params }) => {
  const ctx = await scimContext(req, (await params).orgId);
  if (!ctx.ok) return ctx;
  const all = schemas(ctx.base);
  return scimJson(listResponse(all, all.length, { startIndex: 1, count: all.length }));
}, '/scim/v2/orgs/{orgId}/Schemas');
