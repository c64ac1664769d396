import { serviceProviderConfig } from '@/lib/gateway/scim/discovery';
import { scimJson } from '@/lib/platform/http/scim-response';
import { scimRoute } from '@/lib/platform/http/scim-route';

export const dynamic = 'force-dynamic';

// GET /scim/v2/orgs/{orgId}/ServiceProviderConfig — what this SCIM server supports (RFC 7644 §4)
export const GET = scimRoute('/scim/v2/orgs/{orgId}/ServiceProviderConfig', async (ctx) => scimJson(serviceProviderConfig(ctx.base)));
