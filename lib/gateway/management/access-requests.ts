import { z } from 'zod';
import type { ManagementCaller } from '@/lib/auth/management-caller';
import { listGrants, type GrantRow } from '../access-requests/app-grants';
import { removeGrant } from '../access-requests/end-grants';
import { checkGrantDuration } from '../access-requests/grant-duration';
import { isWellFormedGrantId } from '../access-requests/ids';
import { approveAccessRequest, denyAccessRequest, listPendingRequests, type Grant, type PendingRequest } from '../access-requests/requests-inbox';
import { refusal, validationFailed, type Result } from '../errors';
import type { ClientInfo } from './app-write-refusal';
import { fieldErrorsOf } from './field-errors';

// The management API's access requests and app grants (SPEC §16, scope access-requests:write).

export const ApproveBody = z.strictObject({
  duration_seconds: z.unknown().meta({ description: 'How long the grant lasts: 60 to 31536000 seconds, or null for until taken away.', type: ['integer', 'null'] }),
});

export type AccessRequestDocument = {
  id: string;
  app_id: string;
  app_title: string;
  user: { id: string; name: string; email: string };
  member: boolean;
  note: string | null;
  created_at: string;
  expires_at: string;
};

export type GrantDocument = { id: string; app_id: string; user_id: string; created_at: string; ends_at: string | null };
export type GrantListDocument = GrantDocument & { user: { id: string; name: string; email: string }; member: boolean };

const requestDocument = (r: PendingRequest): AccessRequestDocument => ({
  id: r.id,
  app_id: r.appId,
  app_title: r.appTitle,
  user: { id: r.userId, name: r.userName, email: r.userEmail },
  member: r.member,
  note: r.note,
  created_at: r.createdAt.toISOString(),
  expires_at: r.expiresAt.toISOString(),
});

const grantDocument = (g: Grant): GrantDocument => ({
  id: g.id,
  app_id: g.appId,
  user_id: g.userId,
  created_at: g.createdAt.toISOString(),
  ends_at: g.endsAt?.toISOString() ?? null,
});

/** GET …/access-requests: the org's pending requests, oldest first. */
export async function listAccessRequests(caller: ManagementCaller): Promise<Result<{ access_requests: AccessRequestDocument[] }>> {
  return { ok: true, access_requests: (await listPendingRequests(caller.orgId)).map(requestDocument) };
}

/** POST …/access-requests/{id}/approve: the grant it made. */
export async function approveRequest(caller: ManagementCaller, requestId: string, body: unknown, client: ClientInfo): Promise<Result<{ grant: GrantDocument }>> {
  const parsed = ApproveBody.safeParse(body);
  if (!parsed.success) return validationFailed(fieldErrorsOf(parsed.error));
  if (!('duration_seconds' in parsed.data)) return validationFailed([{ pointer: '#/duration_seconds', detail: 'Required: seconds, or null for until taken away.' }]);
  const duration = checkGrantDuration(parsed.data.duration_seconds);
  if (!duration.ok) return duration;
  const result = await approveAccessRequest({ orgId: caller.orgId, requestId, seconds: duration.seconds, actor: caller.actor, ...client });
  if (!result.ok) return result;
  return { ok: true, grant: grantDocument(result.grant) };
}

/** POST …/access-requests/{id}/deny. */
export async function denyRequest(caller: ManagementCaller, requestId: string, client: ClientInfo): Promise<Result> {
  return denyAccessRequest({ orgId: caller.orgId, requestId, actor: caller.actor, ...client });
}

const listDocument = (g: GrantRow): GrantListDocument => ({
  ...grantDocument(g),
  user: { id: g.userId, name: g.name, email: g.email },
  member: g.member,
});

/** GET …/apps/{appId}/grants: the app's live grants. */
export async function listAppGrants(caller: ManagementCaller, appId: string): Promise<Result<{ grants: GrantListDocument[] }>> {
  const grants = await listGrants(caller.orgId, appId);
  if (!grants) return refusal('not_found', 'No such app.');
  return { ok: true, grants: grants.map(listDocument) };
}

/** DELETE …/apps/{appId}/grants/{grantId}: ends it now, with its feed entry. */
export async function deleteAppGrant(caller: ManagementCaller, appId: string, grantId: string, client: ClientInfo): Promise<Result> {
  const removed = isWellFormedGrantId(grantId) && (await removeGrant({ orgId: caller.orgId, appId, grantId, actor: caller.actor, ...client }));
  return removed ? { ok: true } : refusal('not_found', 'No such grant.');
}
