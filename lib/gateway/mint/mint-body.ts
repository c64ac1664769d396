import { z } from 'zod';
import { refusal, type Result } from '../errors';

export const MintBody = z.strictObject({ workflowId: z.string().min(1).max(128).optional() });

/** `{}` or `{ "workflowId": "<id>" }`; anything else is refused. */
export function parseMintBody(body: unknown): Result<{ workflowId: string | null }> {
  const parsed = MintBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return refusal('invalid_request', `Expected {} or {"workflowId": "<id>"}. ${where}${issue?.message ?? ''}`.trim());
  }
  return { ok: true, workflowId: parsed.data.workflowId ?? null };
}
