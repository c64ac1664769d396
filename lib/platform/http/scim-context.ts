import { authorizeScim } from '@/lib/auth/scim-caller';
import type { Result } from '@/lib/gateway/errors';
import type { ScimContext } from '@/lib/gateway/scim/users';
import { env } from '@/lib/platform/config/env';
import { clientInfo } from './client-info';

/** The org's SCIM base URL: `<APP_URL>/scim/v2/orgs/{orgId}` (resources' `meta.location` start with it). */
const scimBase = (orgId: string) => `${env().APP_URL}/scim/v2/orgs/${encodeURIComponent(orgId)}`;

/** Who provisions this org, or the SCIM error (401, 403) that says why nobody does. */
export async function scimContext(req: Request, orgId: string): Promise<Result<ScimContext>> {
  const caller = await authorizeScim(req, orgId);
  if (!caller.ok) return caller;
  return { ok: true, orgId, actor: caller.actor, base: scimBase(orgId), client: clientInfo(req) };
}
