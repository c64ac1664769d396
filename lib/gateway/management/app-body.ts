import { z } from 'zod';
import { ACCESS_RULES } from '../access/rule-words';
import { appInputSchema, type AppInput } from '../apps/app-input';
import type { FieldError } from '../errors';
import { fieldErrorsOf } from './field-errors';

// The management API's app, as a client writes it (SPEC §14): POST's body, and what a PATCH may change.

const ID = /^[A-Za-z0-9_-]{1,128}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const AppAccessBody = z.strictObject({
  rule: z.enum(ACCESS_RULES, { error: 'Expected everyone, admins or members.' }).default('everyone').meta({ description: 'Who can open it (SPEC §12).' }),
  members: z
    .array(z.string().max(320, 'An email is at most 320 characters.').regex(EMAIL, 'Expected an email address.'))
    .max(1000, 'At most 1000 members.')
    .default([])
    .meta({ description: 'With rule `members`: the emails of the org’s members who may open it (admins always may).' }),
  groups: z
    .array(z.string().max(128))
    .max(1000, 'At most 1000 groups.')
    .default([])
    .meta({ description: 'With rule `members`: the ids (`grp_…`) of the org’s groups whose members may open it (SPEC §18).' }),
});

/** The fields of an app a client sets; all but `id` may be changed by PATCH. */
const fields = {
  workflow_id: z.string({ error: 'Expected the id of one of the org’s workflows.' }).regex(ID, 'Expected a workflow id: 1–128 letters, digits, _ or -.'),
  title: z.string({ error: 'Expected a title.' }).trim().min(1, 'Give the app a title.').max(200, 'Keep the title under 200 characters.'),
  artifact_url: z.string().max(2048, 'Keep the URL under 2048 characters.').nullable().default(null).meta({ description: 'Where the artifact lives (its own origin, SPEC §10). Null while it is being built.' }),
  upstream_url: z.string().max(2048, 'Keep the URL under 2048 characters.').nullable().default(null).meta({ description: 'Instead of `artifact_url`: the artifact proxy serves the app from this upstream (SPEC §11), which must be allowed by ARTIFACT_PROXY_UPSTREAMS.' }),
  access: AppAccessBody.default({ rule: 'everyone', members: [], groups: [] }),
  visibility: z.enum(['login_required', 'public'], { error: 'Expected login_required or public.' }).default('login_required').meta({ description: '`public` also needs the scope shares:write and the org’s sharing switch (SPEC §15).' }),
};

export const AppBody = z.strictObject({ id: z.string({ error: 'Expected the app’s id (the run id).' }).regex(ID, 'Expected an id: 1–128 letters, digits, _ or -.'), ...fields });
/** What an app becomes after a merge patch: every field but `id`. */
const AppFields = z.strictObject(fields);

/** A merge patch of an app (RFC 7396): any of the fields, each `null` to remove it (back to its default). */
export const AppPatch = z
  .strictObject(Object.fromEntries(Object.entries(fields).map(([name, schema]) => [name, schema.nullable().optional()])))
  .meta({ description: 'JSON Merge Patch (RFC 7396): only the fields to change; `null` removes one (back to its default); `access` merges member by member. The result is checked as a new app’s body would be.' });

type AppBodyValue = z.output<typeof AppFields> & { id?: string };

/** The app as the console's and CLI's domain takes it, with who can open it by email. */
export type CheckedAppBody = {
  id: string | null;
  input: AppInput;
  access: { rule: (typeof ACCESS_RULES)[number]; emails: string[] };
  groups: string[];
};

const URL_FIELD = { artifactUrl: 'artifact_url', upstreamUrl: 'upstream_url' } as const;

/**
 * Checks a body in shape and meaning (URLs as the console checks them: its own site, no
 * credentials...), naming every bad field. What needs the database (workflow, members' emails,
 * origin, upstream allow-list) is checked by the caller.
 */
export function checkAppBody(raw: unknown, { withId, gatewayOrigin }: { withId: boolean; gatewayOrigin: string }): { ok: true; body: CheckedAppBody } | { ok: false; errors: FieldError[] } {
  const parsed = (withId ? AppBody : AppFields).safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const v: AppBodyValue = parsed.data;
  const errors: FieldError[] = [];
  if (v.artifact_url !== null && v.upstream_url !== null) {
    errors.push({ pointer: '#/upstream_url', detail: 'Send artifact_url or upstream_url, not both (null the other).' });
  }
  const proxied = v.upstream_url !== null;
  const form = appInputSchema(gatewayOrigin).safeParse({
    title: v.title,
    workflowId: v.workflow_id,
    hosting: proxied ? 'proxy' : 'artifact_url',
    artifactUrl: v.artifact_url ?? '',
    upstreamUrl: v.upstream_url ?? '',
    access: v.visibility,
  });
  for (const issue of form.error?.issues ?? []) {
    const field = URL_FIELD[issue.path[0] as keyof typeof URL_FIELD];
    if (field && !errors.some((e) => e.pointer === `#/${field}`)) errors.push({ pointer: `#/${field}`, detail: issue.message });
  }
  const { rule, members, groups } = v.access;
  if (rule === 'members' && members.length === 0 && groups.length === 0) {
    errors.push({ pointer: '#/access/members', detail: 'List at least one member’s email or group, or choose the rule admins.' });
  }
  if (rule !== 'members' && members.length > 0) errors.push({ pointer: '#/access/members', detail: `Members are listed only with the rule members (this is ${rule}): send [] or null.` });
  if (rule !== 'members' && groups.length > 0) errors.push({ pointer: '#/access/groups', detail: `Groups are listed only with the rule members (this is ${rule}): send [] or null.` });
  if (errors.length || !form.success) return { ok: false, errors: errors.length ? errors : [{ pointer: '#', detail: 'The app was not accepted.' }] };
  return { ok: true, body: { id: v.id ?? null, input: form.data, access: { rule, emails: members }, groups } };
}
