import { z } from 'zod';
import { ManagedApp } from '@/lib/gateway/management/app-document';
import { ListedShare } from '@/lib/gateway/management/shares';
import { Problem } from './contract';

// Response shapes of the management API (SPEC §14); the OpenAPI document and the contract tests are built from these.

export { ManagedApp };

export const AppPage = z.strictObject({
  apps: z.array(ManagedApp).meta({ description: 'Oldest first, by creation then id.' }),
  next_cursor: z.string().nullable().meta({ description: 'Send it back as `cursor` for the next page; null on the last.' }),
});

export const ManagedWorkflow = z.strictObject({ id: z.string(), org_id: z.string(), name: z.string(), created_at: z.iso.datetime() });

const AuditEvent = z.strictObject({
  id: z.string().meta({ description: 'The event’s id; with `webhook-id` = `evt_<id>` in the audit webhooks.' }),
  at: z.iso.datetime(),
  result: z.enum(['minted', 'denied', 'changed']),
  code: z.string().meta({ description: 'What happened: a mint’s outcome (`minted`, `not_found`…) or a change (`app_registered`, `app_updated`, `app_deleted`, `access_rule_changed`, `workflow_created`, `service_account_created`…).' }),
  user_id: z.string().nullable().meta({ description: 'The person who minted or made the change (auth_via session or api_token).' }),
  api_token_id: z.string().nullable().meta({ description: 'The API token, or the service account’s token, used.' }),
  auth_via: z.enum(['session', 'api_token', 'service_account', 'share_link', 'public']).nullable().meta({ description: 'Null for changes made by the operator with the CLI; `share_link` or `public` for a guest (SPEC §15).' }),
  app_id: z.string().nullable(),
  org_id: z.string().nullable(),
  workflow_id: z.string().nullable(),
  jti: z.string().nullable(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  service_account_id: z.string().nullable().meta({ description: 'The service account that made the change (auth_via service_account).' }),
  share_id: z.string().nullable().meta({ description: 'The share link of a guest’s mint, or of a change to a link (SPEC §15).' }),
  detail: z.string().nullable().meta({ description: 'What changed, in words; or which access rule refused a mint.' }),
});

export const AuditPage = z.strictObject({
  events: z.array(AuditEvent).meta({ description: 'Oldest first; at most `limit`. A full page means more may follow: ask again with `cursor`.' }),
  cursor: z.string().meta({ description: 'Opaque. Send it back as `after` to get only newer events; an empty page returns the same cursor.', example: '1234_56' }),
});

export const ValidationProblem = Problem.extend({
  code: z.literal('validation_failed'),
  errors: z.array(z.strictObject({
    pointer: z.string().meta({ description: 'A JSON Pointer (RFC 6901) into the body, as a URI fragment.', example: '#/access/members/1' }),
    detail: z.string(),
  })).min(1).meta({ description: 'Every bad field, each once (RFC 9457 §3’s `errors` extension).' }),
}).meta({ description: 'The `validation_failed` problem: it names every bad field; nothing was saved.' });

export const ScopeProblem = Problem.extend({
  code: z.literal('insufficient_scope'),
  scope: z.string().meta({ description: 'The scope the call needs, as in WWW-Authenticate.', example: 'apps:write' }),
}).meta({ description: 'The `insufficient_scope` problem (RFC 6750 §3.1): the token is good but lacks the scope.' });

export const CreatedShare = z.strictObject({
  id: z.string().meta({ example: 'shr_4pQv0m9kS2xYb7Tn1cLw8eRz' }),
  app_id: z.string(),
  url: z.string().meta({ description: 'The link: `<APP_URL>/s/<secret>`. Shown in this answer only; the gateway keeps the secret’s hash.' }),
  expires_at: z.iso.datetime(),
  max_uses: z.number().int().nullable().meta({ description: 'The most people it admits; null: no limit.' }),
});

export const ShareListing = z.strictObject({
  shares: z.array(ListedShare).meta({ description: 'Newest first. No secret or URL: a link’s address is shown only when it is created.' }),
});

const Person = z.strictObject({ id: z.string(), name: z.string(), email: z.string() });

/** SPEC §16: an org's pending access requests. */
export const AccessRequestListing = z.strictObject({
  access_requests: z.array(z.strictObject({
    id: z.string(),
    app_id: z.string(),
    app_title: z.string(),
    user: Person,
    member: z.boolean().meta({ description: 'A member of the org opens the app with their own role once approved; anyone else as a guest (`org_role: "guest"`).' }),
    note: z.string().nullable(),
    created_at: z.iso.datetime(),
    expires_at: z.iso.datetime(),
  })).meta({ description: 'Pending (unanswered, unexpired) requests for the org’s live apps, oldest first.' }),
});

const GrantFields = {
  id: z.string(),
  app_id: z.string(),
  user_id: z.string(),
  created_at: z.iso.datetime(),
  ends_at: z.iso.datetime().nullable().meta({ description: 'When it ends; null: until taken away.' }),
};

/** The grant an approval made. */
export const ApprovedGrant = z.strictObject({ grant: z.strictObject(GrantFields) });

/** An app's live grants. */
export const GrantListing = z.strictObject({
  grants: z.array(z.strictObject({ ...GrantFields, user: Person, member: z.boolean() })).meta({ description: 'Live grants, oldest first.' }),
});

/** SPEC §18: one of the org's groups. */
const GroupFields = {
  id: z.string().meta({ example: 'grp_Qm3vT9xLk2Pw7Bn0sRc4eYh8' }),
  org_id: z.string(),
  display_name: z.string(),
  external_id: z.string().nullable().meta({ description: 'An oidc group’s value of the groups claim; a scim group’s externalId.' }),
  source: z.enum(['console', 'scim', 'oidc']).meta({ description: 'Who manages it, and nobody else: admins (`console`; and the name of an `oidc` group, whose members sign-ins set), or the org’s SCIM client (`scim`).' }),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
};

export const GroupListing = z.strictObject({
  groups: z.array(z.strictObject({ ...GroupFields, member_count: z.number().int() })).meta({ description: 'By name.' }),
});

export const CreatedGroup = z.strictObject({ group: z.strictObject(GroupFields) });

export const GroupWithMembers = z.strictObject({
  group: z.strictObject(GroupFields),
  members: z.array(z.strictObject({ id: z.string(), name: z.string(), email: z.string(), added_at: z.iso.datetime() })).meta({ description: 'By name.' }),
});
