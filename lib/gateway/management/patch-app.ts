import type { ManagementCaller } from '@/lib/auth/management-caller';
import { env } from '@/lib/platform/config/env';
import { updateOrgApp } from '../apps/org-apps';
import { refusal, validationFailed, type FieldError, type Result } from '../errors';
import { checkAppBody } from './app-body';
import { appState, findAppDocument, findAppWithState } from './app-documents';
import type { AppDocument } from './app-document';
import { appWriteRefusal, type ClientInfo } from './app-write-refusal';
import { applyMergePatch } from './merge-patch';
import { resolveAppBody } from './resolve-app';
import { requirePublicAllowed } from './sharing';

/** The members of an app a merge patch may change; the others are read-only. */
const EDITABLE = ['workflow_id', 'title', 'artifact_url', 'upstream_url', 'access', 'visibility'] as const;
const READ_ONLY = ['id', 'org_id', 'proxy_url', 'created_at'];

const editable = (app: AppDocument) => Object.fromEntries(EDITABLE.map((k) => [k, app[k]]));

function patchProblems(patch: unknown): FieldError[] {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return [{ pointer: '#', detail: 'A merge patch of an app is a JSON object of the fields to change (null removes a field).' }];
  }
  return Object.keys(patch)
    .filter((k) => !(EDITABLE as readonly string[]).includes(k))
    .map((k) => ({ pointer: `#/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, detail: READ_ONLY.includes(k) ? 'Read-only: it cannot be changed.' : 'Unknown field.' }));
}

/**
 * PATCH /v1/orgs/{orgId}/apps/{appId}: JSON Merge Patch (RFC 7396) of the app's fields, checked as a
 * new app would be once merged (every bad field named). Applied only to the state it was merged
 * with: a concurrent change makes it merge again (up to three times), so no change is lost.
 */
export async function patchApp(caller: ManagementCaller, appId: string, patch: unknown, client: ClientInfo): Promise<Result<AppDocument>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await findAppWithState(caller.orgId, appId);
    if (!found) return refusal('not_found', 'No such app.');
    const problems = patchProblems(patch);
    if (problems.length) return validationFailed(problems);
    const checked = checkAppBody(applyMergePatch(editable(found.app), patch), { withId: false, gatewayOrigin: env().APP_URL });
    if (!checked.ok) return validationFailed(checked.errors);
    const resolved = await resolveAppBody(caller.orgId, checked.body);
    if (!resolved.ok) return resolved;
    const { input, access } = resolved;
    if (input.access === 'public' && found.app.visibility !== 'public') {
      const allowed = await requirePublicAllowed(caller);
      if (!allowed.ok) return allowed;
    }
    const result = await updateOrgApp(caller.orgId, appId, input, {
      access,
      expected: (current, listed) => appState(current, listed) === found.state,
      actor: caller.actor,
      client,
    });
    if (result.ok) return { ok: true, ...(await findAppDocument(caller.orgId, appId))! };
    if (result.reason === 'changed_meanwhile') continue;
    return appWriteRefusal(result, caller.orgId);
  }
  return refusal('conflict', 'The app kept changing while this patch was being applied; send it again.');
}
