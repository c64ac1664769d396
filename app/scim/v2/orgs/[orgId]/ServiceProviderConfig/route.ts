import { serviceProviderConfig } from '@/lib/gateway/scim/discovery';
import { route } from '@/lib/platform/http/route';
import { scimContext } from '@/lib/platform/http/scim-context';
import { scimJson } from '@/lib/platform/http/scim-response';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

// GET /scim/v2/orgs/{orgId}/ServiceProviderConfig — what this SCIM server supports (RFC 7644 §4)
export const GET = route<Ctx>(async (req, { params }) => {
  const ctx = await scimContext(req, (await params).orgId);
  if (!ctx.ok) return ctx;
  return scimJson(serviceProviderConfig(ctx.base));
}, '/scim/v2/orgs/{orgId}/ServiceProviderConfig');
