import { z } from 'zod';
import type { ManagementCaller } from '@/lib/auth/management-caller';
import { upsertOrgWorkflow } from '../apps/org-workflows';
import { refusal, validationFailed, type Result } from '../errors';
import type { ClientInfo } from './app-write-refusal';
import { fieldErrorsOf } from './field-errors';

export const WorkflowBody = z.strictObject({
  name: z.string({ error: 'Expected the workflow’s name.' }).trim().min(1, 'Give the workflow a name.').max(200, 'Keep the name under 200 characters.'),
});

export type WorkflowDocument = { id: string; org_id: string; name: string; created_at: string };

const WORKFLOW_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * PUT /v1/orgs/{orgId}/workflows/{workflowId} `{ "name" }`: creates the workflow (created: true) or
 * sets its name; idempotent. An id another org holds is 409 `id_taken`, with nothing about it.
 */
export async function putWorkflow(caller: ManagementCaller, workflowId: string, raw: unknown, client: ClientInfo): Promise<Result<{ created: boolean; workflow: WorkflowDocument }>> {
  if (!WORKFLOW_ID.test(workflowId)) return refusal('invalid_request', 'A workflow id is 1–128 letters, digits, _ or -.');
  const parsed = WorkflowBody.safeParse(raw);
  if (!parsed.success) return validationFailed(fieldErrorsOf(parsed.error));
  const result = await upsertOrgWorkflow({ orgId: caller.orgId, id: workflowId, name: parsed.data.name, actor: caller.actor, client });
  if (result.outcome === 'taken') return refusal('id_taken', 'This id is not available: choose another.');
  const w = result.workflow;
  return { ok: true, created: result.outcome === 'created', workflow: { id: w.id, org_id: w.orgId, name: w.name, created_at: w.createdAt.toISOString() } };
}
