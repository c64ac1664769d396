import { z } from 'zod';
import { AppBody, AppPatch } from '@/lib/gateway/management/app-body';
import { WorkflowBody } from '@/lib/gateway/management/workflows';
import { APP_PAGE_DEFAULT, APP_PAGE_MAX } from '@/lib/gateway/management/apps';
import { AUDIT_PAGE_MAX } from '@/lib/gateway/management/org-audit';
import type { ManagementScope } from '@/lib/auth/scopes';
import { Problem } from './contract';
import { ShareBody } from '@/lib/gateway/management/shares';
import { ApproveBody } from '@/lib/gateway/management/access-requests';
import { GroupBody, GroupRename, MemberBody } from '@/lib/gateway/management/groups';
import { AccessRequestListing, ApprovedGrant, CreatedGroup, GrantListing, GroupListing, GroupWithMembers, AppPage, AuditPage, CreatedShare, ManagedApp, ManagedWorkflow, ScopeProblem, ShareListing, ValidationProblem } from './contract-management';

// The management API's part of the OpenAPI document (SPEC §14), merged into it by openapi.ts.

const schema = (s: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io: 'input' }) as Record<string, unknown>;
  return rest;
};
const outSchema = (s: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io: 'output' }) as Record<string, unknown>;
  return rest;
};
const json = (s: z.ZodType, type = 'application/json') => ({ content: { [type]: { schema: outSchema(s) } } });
const body = (s: z.ZodType, type = 'application/json') => ({ required: true, content: { [type]: { schema: schema(s) } } });
const problem = (description: string, codes: string[], s: z.ZodType = Problem) => ({ description, 'x-codes': codes, ...json(s, 'application/problem+json') });
const header = (description: string, s: Record<string, unknown> = { type: 'string' }) => ({ description, schema: s });
const noStore = { 'Cache-Control': header('Never cached.', { const: 'no-store' }) };
/** A JSON answer, never cached. */
const ok = (description: string, s: z.ZodType) => ({ description, headers: noStore, ...json(s) });

const orgId = { name: 'orgId', in: 'path', required: true, schema: { type: 'string' }, example: 'org_acme', description: 'The token’s own org: any other is 404.' };
const appId = { name: 'appId', in: 'path', required: true, schema: { type: 'string' }, example: 'run_8f3a2c' };
const shareId = { name: 'shareId', in: 'path', required: true, schema: { type: 'string' }, example: 'shr_4pQv0m9kS2xYb7Tn1cLw8eRz' };
const requestId = { name: 'requestId', in: 'path', required: true, schema: { type: 'string' }, example: 'arq_Jx2mQ9vT4bLk7Pw0sNc3eYh8' };
const grantId = { name: 'grantId', in: 'path', required: true, schema: { type: 'string' }, example: 'grt_Vb8nK2qW5xLm0Tz3cRf7gHs1' };
const groupId = { name: 'groupId', in: 'path', required: true, schema: { type: 'string' }, example: 'grp_Qm3vT9xLk2Pw7Bn0sRc4eYh8' };
const userId = { name: 'userId', in: 'path', required: true, schema: { type: 'string' }, example: 'usr_carol' };
const workflowId = { name: 'workflowId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,128}$' }, example: 'wf_nightly' };

/** What every management call may be refused with, besides its own refusals. */
function refusals(scope: string) {
  return {
    '401': {
      ...problem('No token (`WWW-Authenticate: Bearer`), or a bad, expired or revoked one (`Bearer error="invalid_token"`), or a deleted user’s: one body.', ['unauthenticated']),
      headers: { 'WWW-Authenticate': header('RFC 6750 §3.', { enum: ['Bearer', 'Bearer error="invalid_token"'] }) },
    },
    '403': {
      ...problem(`The token lacks \`${scope}\` (an API token’s management scopes count only while its person is an admin of the org).`, ['insufficient_scope'], ScopeProblem),
      headers: { 'WWW-Authenticate': header('RFC 6750 §3.', { const: `Bearer error="insufficient_scope", scope="${scope}"` }) },
    },
    '503': { ...problem('The database is not answering; see Retry-After.', ['unavailable']), headers: { 'Retry-After': header('Seconds to wait before retrying.', { type: 'integer', minimum: 1 }) } },
  };
}

const notFound = (what: string) => problem(`Another org’s path, or ${what}: one body either way.`, ['not_found']);
const invalidBody = problem('The body is not JSON.', ['invalid_request']);
const tooLarge = problem('Body over 64 KiB.', ['payload_too_large']);
const notJson = (type: string) => problem(`Another content type than ${type}.`, ['unsupported_media_type']);
const invalidFields = problem('Missing or invalid fields, each named in `errors`; nothing saved.', ['validation_failed'], ValidationProblem);

type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  scope: ManagementScope;
  parameters: object[];
  responses: Record<string, object>;
};

/** A management operation: the token scope it needs, and the refusals every call may get besides its own. */
function operation({ operationId, summary, description, scope, parameters, responses }: Operation, requestBody?: object) {
  return {
    operationId,
    summary,
    ...(description === undefined ? {} : { description }),
    security: [{ managementToken: [scope] }],
    parameters,
    ...(requestBody === undefined ? {} : { requestBody }),
    responses: { ...responses, ...refusals(scope) },
  };
}

/** One with a JSON body: also refused for a body that is not JSON, too large, of another type, or with bad fields. */
function bodyOperation({ body: s, mediaType = 'application/json', responses, ...op }: Operation & { body: z.ZodType; mediaType?: 'application/json' | 'application/merge-patch+json' }) {
  return operation({ ...op, responses: { '400': invalidBody, '413': tooLarge, '415': notJson(mediaType), '422': invalidFields, ...responses } }, body(s, mediaType));
}

export const managementSecurityScheme = {
  type: 'http',
  scheme: 'bearer',
  description:
    'A service-account token (`agw_sa_…`) or an API token (`agw_…`) with the scopes the operation names: apps:read, apps:write, shares:write, audit:read… An API token’s management scopes work only while its person is an admin of the token’s org (read at every call).',
};

export function managementPaths() {
  return {
    '/v1/orgs/{orgId}/workflows/{workflowId}': {
      put: bodyOperation({
        operationId: 'putWorkflow',
        summary: 'Create a workflow under the platform’s own id, or set its name',
        description: 'Idempotent. An id another org holds is 409 `id_taken`, which says nothing about it.',
        scope: 'apps:write',
        parameters: [orgId, workflowId],
        body: WorkflowBody,
        responses: {
          '200': ok('It existed: its name is set.', ManagedWorkflow),
          '201': ok('Created.', ManagedWorkflow),
          '400': problem('A malformed workflow id, or a body that is not JSON.', ['invalid_request']),
          '404': notFound('an org that does not exist'),
          '409': problem('Another org’s workflow id.', ['id_taken']),
        },
      }),
    },
    '/v1/orgs/{orgId}/apps': {
      post: bodyOperation({
        operationId: 'registerApp',
        summary: 'Register a run’s app under its own id (safe to retry)',
        description:
          'The same id with the same body (compared after normalizing: spacing, letter case of emails, order of members, defaults, URL spelling) answers 200 with the app; with a different body, 409 `conflict`. An id another org holds or once held, or a deleted app’s, is 409 `id_taken` and says nothing more. The console’s rules apply: the workflow is the org’s (else 422), each listed email a member’s, one origin per app (409 `origin_taken`), upstreams allowed by the operator. `visibility: public` also needs shares:write and the org’s sharing switch (409 `sharing_disabled`).',
        scope: 'apps:write',
        parameters: [orgId],
        body: AppBody,
        responses: {
          '200': ok('Already registered with this body: the app.', ManagedApp),
          '201': { description: 'Registered.', headers: { ...noStore, Location: header('The app’s URL.', { type: 'string', format: 'uri' }) }, ...json(ManagedApp) },
          '404': notFound('an org that does not exist'),
          '409': problem('`conflict`: the id is registered here with another body; `id_taken`: another org’s or a deleted app’s id; `origin_taken`: another app’s origin; `sharing_disabled`: public while the sharing switch is off.', ['conflict', 'id_taken', 'origin_taken', 'sharing_disabled']),
        },
      }),
      get: operation({
        operationId: 'listApps',
        summary: 'The org’s apps, a page at a time',
        description: 'Oldest first by (creation, id). Paging neither skips nor repeats an app while others are added or deleted.',
        scope: 'apps:read',
        parameters: [
          orgId,
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: APP_PAGE_MAX, default: APP_PAGE_DEFAULT } },
          { name: 'cursor', in: 'query', required: false, schema: { type: 'string', maxLength: 200 }, description: 'The `next_cursor` of the previous page.' },
        ],
        responses: {
          '200': ok('One page.', AppPage),
          '400': problem('`limit` out of 1–200, a malformed `cursor`, or either sent twice.', ['invalid_request']),
          '404': notFound('an org that does not exist'),
        },
      }),
    },
    '/v1/orgs/{orgId}/apps/{appId}': {
      get: operation({
        operationId: 'getApp',
        summary: 'One app',
        scope: 'apps:read',
        parameters: [orgId, appId],
        responses: { '200': ok('The app.', ManagedApp), '404': notFound('an app that does not exist or was deleted') },
      }),
      patch: bodyOperation({
        operationId: 'patchApp',
        summary: 'Change an app (JSON Merge Patch, RFC 7396)',
        description: 'Only the fields named change; `null` removes one. The result is checked as a new app’s body would be (422 naming each bad field). A concurrent change is never overwritten: the patch is applied to the app as it is.',
        scope: 'apps:write',
        parameters: [orgId, appId],
        body: AppPatch,
        mediaType: 'application/merge-patch+json',
        responses: {
          '200': ok('The app as it is now.', ManagedApp),
          '404': notFound('an app that does not exist or was deleted'),
          '409': problem('`origin_taken`: another app’s origin; `sharing_disabled`: public while the sharing switch is off; `conflict`: the app kept changing meanwhile (send it again).', ['origin_taken', 'sharing_disabled', 'conflict']),
        },
      }),
      delete: operation({
        operationId: 'deleteApp',
        summary: 'Delete an app',
        description: 'The mint refuses it at once, the revocation feed names it (`{ "aud": "<appId>" }`), and its id is never used again. Its links, guest sessions and grants end with it.',
        scope: 'apps:write',
        parameters: [orgId, appId],
        responses: { '204': { description: 'Deleted.' }, '404': notFound('an app that does not exist or was already deleted') },
      }),
    },
    '/v1/orgs/{orgId}/apps/{appId}/shares': {
      post: bodyOperation({
        operationId: 'createShareLink',
        summary: 'Create a share link (SPEC §15)',
        description: 'A link that lets people outside the org open this app as guests until it expires (60 s – 30 days; 7 days by default), optionally for at most `max_uses` people. The URL holds a secret of 256 random bits, returned this once.',
        scope: 'shares:write',
        parameters: [orgId, appId],
        body: ShareBody,
        responses: {
          '201': { description: 'Created.', headers: { ...noStore, Location: header('This link’s address in the API.') }, ...json(CreatedShare) },
          '404': notFound('an app that does not exist or was deleted'),
          '409': problem('`sharing_disabled`: the org’s sharing switch is off.', ['sharing_disabled']),
        },
      }),
      get: operation({
        operationId: 'listShareLinks',
        summary: 'The app’s share links, with uses, last use, expiry and state',
        scope: 'shares:write',
        parameters: [orgId, appId],
        responses: { '200': ok('Newest first.', ShareListing), '404': notFound('an app that does not exist or was deleted') },
      }),
    },
    '/v1/orgs/{orgId}/apps/{appId}/shares/{shareId}': {
      delete: operation({
        operationId: 'revokeShareLink',
        summary: 'Revoke a share link',
        description: 'It opens nothing from now on; its guests’ sessions end and the revocation feed names them (`{ "sid" }` per guest session, `{ "sub", "aud" }` per signed-in person it admitted), in the same transaction. Revoking a revoked link answers the same.',
        scope: 'shares:write',
        parameters: [orgId, appId, shareId],
        responses: { '204': { description: 'Revoked.' }, '404': notFound('a link that does not exist or is another app’s') },
      }),
    },
    '/v1/orgs/{orgId}/access-requests': {
      get: operation({
        operationId: 'listAccessRequests',
        summary: 'The org’s pending access requests (SPEC §16)',
        description: 'Requests from signed-in people refused one of the org’s apps, with their optional note. A request expires after 30 days unanswered.',
        scope: 'access-requests:write',
        parameters: [orgId],
        responses: { '200': ok('Oldest first.', AccessRequestListing), '404': notFound('an org that does not exist') },
      }),
    },
    '/v1/orgs/{orgId}/access-requests/{requestId}/approve': {
      post: bodyOperation({
        operationId: 'approveAccessRequest',
        summary: 'Approve an access request: an app grant',
        description:
          'The requester may open that app whatever its access rule says, with their own identity: a member of the org keeps their `org_role`, anyone else gets a guest token (`typ: app-guest+jwt`, `org_role: "guest"`, `auth_via: "session"`). `duration_seconds` (60 – 31536000) ends it on time; `null` keeps it until removed. A live grant of the same person for the app is replaced. No token outlives the grant; when it ends, the revocation feed names `{ "sub", "aud" }` within 60 s.',
        scope: 'access-requests:write',
        parameters: [orgId, requestId],
        body: ApproveBody,
        responses: {
          '200': ok('Approved: the grant.', ApprovedGrant),
          '404': notFound('a request that does not exist'),
          '409': problem('The request was already answered, or expired.', ['conflict']),
        },
      }),
    },
    '/v1/orgs/{orgId}/access-requests/{requestId}/deny': {
      post: operation({
        operationId: 'denyAccessRequest',
        summary: 'Deny an access request',
        description: 'The requester’s home page keeps showing it as “sent”, like every request not approved, so it tells them nothing about the app.',
        scope: 'access-requests:write',
        parameters: [orgId, requestId],
        responses: {
          '204': { description: 'Denied.' },
          '404': notFound('a request that does not exist'),
          '409': problem('The request was already answered, or expired.', ['conflict']),
        },
      }),
    },
    '/v1/orgs/{orgId}/apps/{appId}/grants': {
      get: operation({
        operationId: 'listAppGrants',
        summary: 'The app’s live grants',
        scope: 'access-requests:write',
        parameters: [orgId, appId],
        responses: { '200': ok('Oldest first.', GrantListing), '404': notFound('an app that does not exist or was deleted') },
      }),
    },
    '/v1/orgs/{orgId}/apps/{appId}/grants/{grantId}': {
      delete: operation({
        operationId: 'removeAppGrant',
        summary: 'Remove a grant',
        description: 'It ends now: the next mint is refused, and the revocation feed names `{ "sub", "aud" }` in the same transaction.',
        scope: 'access-requests:write',
        parameters: [orgId, appId, grantId],
        responses: { '204': { description: 'Removed.' }, '404': notFound('a grant that does not exist, ended, or is another app’s') },
      }),
    },
    '/v1/orgs/{orgId}/groups': {
      get: operation({
        operationId: 'listGroups',
        summary: 'The org’s groups (SPEC §18)',
        description: 'Every group of the org, whatever its source, with its member count.',
        scope: 'groups:write',
        parameters: [orgId],
        responses: { '200': ok('By name.', GroupListing), '404': notFound('an org that does not exist') },
      }),
      post: bodyOperation({
        operationId: 'createGroup',
        summary: 'Create a group',
        description:
          'A `console` group, whose members are set here; or an `oidc` group with the `external_id` its members’ groups claim carries, whose members each OIDC sign-in sets (in orgs the operator bound to the issuer). `scim` groups are created by the org’s SCIM client only. Audited with its actor.',
        scope: 'groups:write',
        parameters: [orgId],
        body: GroupBody,
        responses: {
          '201': { description: 'Created.', headers: { ...noStore, Location: header('The group’s URL.', { type: 'string', format: 'uri' }) }, ...json(CreatedGroup) },
          '404': notFound('an org that does not exist'),
          '409': problem('Another oidc group of the org has this external id.', ['conflict']),
        },
      }),
    },
    '/v1/orgs/{orgId}/groups/{groupId}': {
      get: operation({
        operationId: 'getGroup',
        summary: 'A group and its members',
        scope: 'groups:write',
        parameters: [orgId, groupId],
        responses: { '200': ok('The group.', GroupWithMembers), '404': notFound('a group that does not exist') },
      }),
      patch: bodyOperation({
        operationId: 'renameGroup',
        summary: 'Rename a group',
        description: 'A merge patch of `display_name`. A scim group is renamed by the org’s SCIM client only (409).',
        scope: 'groups:write',
        parameters: [orgId, groupId],
        body: GroupRename,
        mediaType: 'application/merge-patch+json',
        responses: {
          '200': ok('Renamed (or already so named).', CreatedGroup),
          '404': notFound('a group that does not exist'),
          '409': problem('A scim group: its SCIM client manages it.', ['conflict']),
        },
      }),
      delete: operation({
        operationId: 'deleteGroup',
        summary: 'Delete a group',
        description:
          'It leaves every app’s rule. Its members lose the apps it opened to them: the revocation feed names `{ "sub", "aud" }` for each (unless the app still admits them another way), in the same transaction. A scim group is deleted by its SCIM client only (409).',
        scope: 'groups:write',
        parameters: [orgId, groupId],
        responses: {
          '204': { description: 'Deleted.' },
          '404': notFound('a group that does not exist'),
          '409': problem('A scim group: its SCIM client manages it.', ['conflict']),
        },
      }),
    },
    '/v1/orgs/{orgId}/groups/{groupId}/members': {
      post: bodyOperation({
        operationId: 'addGroupMember',
        summary: 'Add a member of the org to a console group',
        description: 'By email; someone who is not a member of the org is 422. The members of an oidc group are set by sign-ins, a scim group’s by its SCIM client (409).',
        scope: 'groups:write',
        parameters: [orgId, groupId],
        body: MemberBody,
        responses: {
          '200': ok('Added (or already in it): the group and its members.', GroupWithMembers),
          '404': notFound('a group that does not exist'),
          '409': problem('A scim or oidc group: its members are set elsewhere.', ['conflict']),
        },
      }),
    },
    '/v1/orgs/{orgId}/groups/{groupId}/members/{userId}': {
      delete: operation({
        operationId: 'removeGroupMember',
        summary: 'Remove someone from a console group',
        description: 'They lose the apps it opened to them: `{ "sub", "aud" }` in the revocation feed, in the same transaction, unless the app still admits them another way.',
        scope: 'groups:write',
        parameters: [orgId, groupId, userId],
        responses: {
          '204': { description: 'Removed.' },
          '404': notFound('a group that does not exist, or someone not in it'),
          '409': problem('A scim or oidc group: its members are set elsewhere.', ['conflict']),
        },
      }),
    },
    '/v1/orgs/{orgId}/audit': {
      get: operation({
        operationId: 'listAuditEvents',
        summary: 'The org’s audit events after a cursor',
        description: 'Paged like the revocation feed: by (transaction, id), showing only transactions older than every one still running, so a late commit is never skipped. Without `after`, from the oldest event kept.',
        scope: 'audit:read',
        parameters: [
          orgId,
          { name: 'after', in: 'query', required: false, schema: { type: 'string', maxLength: 40 }, description: 'The `cursor` of the previous page.' },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: AUDIT_PAGE_MAX, default: AUDIT_PAGE_MAX } },
        ],
        responses: {
          '200': ok('Events after the cursor, oldest first.', AuditPage),
          '400': problem('A malformed `after`, `limit` out of 1–1000, or either sent twice.', ['invalid_request']),
          '404': notFound('an org that does not exist'),
        },
      }),
    },
  };
}
