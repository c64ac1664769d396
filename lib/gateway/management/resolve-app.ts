import { orgMembersByEmail } from '../access/app-access';
import { orgGroupIds } from '../groups/groups';
import type { AppAccessSetting } from '../apps/org-apps';
import { isOrgWorkflow, upstreamProblem } from '../apps/org-apps';
import type { AppInput } from '../apps/app-input';
import { validationFailed, type FieldError, type Result } from '../errors';
import type { CheckedAppBody } from './app-body';

/**
 * What a checked body needs from the database, checked at once so that every bad field is named:
 * the workflow is one of the org's, each listed email is a member's, each group the org's, the upstream is allowed.
 * Returns the app as the domain takes it, or the 422.
 */
export async function resolveAppBody(
  orgId: string,
  body: CheckedAppBody,
  /** Whether the workflow is the org's, when the caller has just read it (registration's registrationState). */
  workflowInOrg?: boolean,
): Promise<Result<{ input: AppInput; access: AppAccessSetting }>> {
  const errors: FieldError[] = [];
  if (!(workflowInOrg ?? (await isOrgWorkflow(orgId, body.input.workflowId)))) {
    errors.push({ pointer: '#/workflow_id', detail: `No workflow ${body.input.workflowId} in this organization: create it first (PUT /v1/orgs/${orgId}/workflows/${body.input.workflowId}).` });
  }
  const upstream = upstreamProblem(orgId, body.input);
  if (upstream) errors.push({ pointer: '#/upstream_url', detail: upstream });
  const { ids, unknown } = await orgMembersByEmail(orgId, body.access.emails);
  body.access.emails.forEach((email, i) => {
    if (unknown.includes(email.trim().toLowerCase())) errors.push({ pointer: `#/access/members/${i}`, detail: 'No member of this organization has this email.' });
  });
  const groups = await orgGroupIds(orgId, body.groups);
  body.groups.forEach((g, i) => {
    if (!groups.has(g)) errors.push({ pointer: `#/access/groups/${i}`, detail: 'No group of this organization has this id.' });
  });
  if (errors.length) return validationFailed(errors);
  return { ok: true, input: body.input, access: { rule: body.access.rule, memberIds: ids, groupIds: [...new Set(body.groups)] } };
}
