import { refusal, type Result } from '@/lib/gateway/errors';
import type { Actor } from '@/lib/gateway/audit/actor';
import { authorizeManagement } from './management-caller';

/** The org's SCIM client: one of its service accounts, with a token carrying the scope `scim`. */
export type ScimCaller = { orgId: string; actor: Extract<Actor, { kind: 'service_account' }> };

/**
 * Authenticates a SCIM call on `orgId`'s paths (SPEC §18), with the management API's token check
 * (read fresh at every call) and SCIM's answers: 401 for a missing, bad, expired or revoked token;
 * 403 for a good token that is not a `scim` service-account token of this org (another org's, a
 * person's API token, or one without the scope). Identity providers show a 403 as "not allowed",
 * so another org's path need not pass for a missing one here: the path names the caller's own org.
 */
export async function authorizeScim(req: Request, orgId: string): Promise<Result<ScimCaller>> {
  const managed = await authorizeManagement(req, orgId, 'scim');
  if (!managed.ok) {
    if (managed.code === 'unauthenticated') return refusal('scim_unauthorized', 'Send Authorization: Bearer <service-account token with the scope scim>.');
    if (managed.code === 'unavailable') return refusal('scim_unavailable', managed.detail, { retryAfterSeconds: managed.retryAfterSeconds ?? 5 });
    return refusal('scim_forbidden', 'This token may not provision this organization: it needs to be a service-account token of this org with the scope scim.');
  }
  if (managed.actor.kind !== 'service_account') return refusal('scim_forbidden', 'SCIM takes a service-account token only (SPEC §18), not a person’s API token.');
  return { ok: true, orgId, actor: managed.actor };
}
