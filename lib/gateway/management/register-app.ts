import type { ManagementCaller } from '@/lib/auth/management-caller';
import { env } from '@/lib/platform/config/env';
import { createOrgApp, type AppAccessSetting, type RegisteredRow } from '../apps/org-apps';
import { refusal, validationFailed, type Result } from '../errors';
import { checkAppBody, type CheckedAppBody } from './app-body';
import { findAppDocument, registrationState, unlistedAppDocument } from './app-documents';
import type { AppDocument } from './app-document';
import { appWriteRefusal, type ClientInfo } from './app-write-refusal';
import { resolveAppBody } from './resolve-app';
import { requirePublicAllowed } from './sharing';

const sortedLower = (emails: readonly string[]) => [...new Set(emails.map((e) => e.trim().toLowerCase()))].sort();

/** The part of an app a client sets, in one canonical form: two bodies mean the same app when these are equal. */
function canonical(a: Pick<AppDocument, 'workflow_id' | 'title' | 'artifact_url' | 'upstream_url' | 'visibility'> & { rule: string; members: readonly string[]; groups: readonly string[] }) {
  return JSON.stringify([a.workflow_id, a.title, a.artifact_url, a.upstream_url, a.visibility, a.rule, sortedLower(a.members), [...a.groups].sort()]);
}

const ofBody = (b: CheckedAppBody) =>
  canonical({
    workflow_id: b.input.workflowId,
    title: b.input.title,
    artifact_url: b.input.hosting === 'artifact_url' ? b.input.artifactUrl : null,
    upstream_url: b.input.hosting === 'proxy' ? b.input.upstreamUrl : null,
    visibility: b.input.access,
    rule: b.access.rule,
    members: b.access.emails,
    groups: b.groups,
  });
const ofDocument = (d: AppDocument) => canonical({ ...d, rule: d.access.rule, members: d.access.members, groups: d.access.groups });

/** The app as registered: from the insert's row when nothing is listed, else read back (the listed members' stored emails). */
async function registeredDocument(orgId: string, id: string, access: AppAccessSetting, row: RegisteredRow | undefined): Promise<AppDocument> {
  const listed = access.memberIds.length > 0 || (access.groupIds?.length ?? 0) > 0;
  return row && !listed ? unlistedAppDocument(row) : (await findAppDocument(orgId, id))!;
}

const idTaken = () => refusal('id_taken', 'This id is not available: choose another.');

/** The app already registered under this id: itself when the body means the same app (a retry), else 409. */
function existing(app: AppDocument, body: CheckedAppBody): Result<{ created: false; app: AppDocument }> {
  if (ofDocument(app) !== ofBody(body)) return refusal('conflict', `An app with the id ${app.id} is registered with a different body; GET it, or PATCH it to change it.`);
  return { ok: true, created: false, app };
}

/**
 * POST /v1/orgs/{orgId}/apps: registers the run's app under the platform's own id, safe to retry.
 * The same id with the same body (after normalizing) answers the app again; a different body is a
 * conflict; an id another org holds or once held, or a deleted app's, is `id_taken` and says
 * nothing more. Then the console's rules: the org's workflow, members' emails, one origin per app,
 * the upstream allow-list; `public` needs shares:write and the org's sharing switch.
 */
export async function registerApp(caller: ManagementCaller, raw: unknown, client: ClientInfo): Promise<Result<{ created: boolean; app: AppDocument }>> {
  const checked = checkAppBody(raw, { withId: true, gatewayOrigin: env().APP_URL });
  if (!checked.ok) return validationFailed(checked.errors);
  const body = checked.body;
  const id = body.id!;
  for (let attempt = 0; attempt < 2; attempt++) {
    const { holder, workflowInOrg } = await registrationState(caller.orgId, id, body.input.workflowId);
    if (holder === 'taken') return idTaken();
    if (holder !== 'free') return existing(holder.live, body);
    const resolved = await resolveAppBody(caller.orgId, body, workflowInOrg);
    if (!resolved.ok) return resolved;
    const { input, access } = resolved;
    if (input.access === 'public') {
      const allowed = await requirePublicAllowed(caller);
      if (!allowed.ok) return allowed;
    }
    const result = await createOrgApp(caller.orgId, input, { id, access, actor: caller.actor, client });
    if (result.ok) return { ok: true, created: true, app: await registeredDocument(caller.orgId, id, access, result.registered) };
    // Registered meanwhile by a concurrent request (a retry racing the first try): decide again.
    if (result.reason === 'id_exists') continue;
    return appWriteRefusal(result, caller.orgId);
  }
  return idTaken();
}

