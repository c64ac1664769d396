import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { workflows, type Workflow } from '@/db/schema';
import type { Actor } from '../audit/actor';
import { recordChange } from '../audit/record-change';

export type WorkflowUpsert = { outcome: 'created' | 'updated' | 'unchanged'; workflow: Workflow } | { outcome: 'taken' };

/**
 * Creates the org's workflow under the platform's own id, or renames it; audited when it changes.
 * An id another org holds is `taken` (ids are unique across the gateway). Safe to repeat.
 */
export async function upsertOrgWorkflow(c: { orgId: string; id: string; name: string; actor: Actor; client?: { ip: string | null; userAgent: string | null } }): Promise<WorkflowUpsert> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [inserted] = await tx.insert(workflows).values({ id: c.id, orgId: c.orgId, name: c.name }).onConflictDoNothing({ target: workflows.id }).returning();
    if (inserted) {
      await recordChange(tx, { orgId: c.orgId, code: 'workflow_created', actor: c.actor, workflowId: c.id, detail: `Workflow “${c.name}” created`, ...c.client });
      return { outcome: 'created', workflow: inserted } as const;
    }
    const [current] = await tx.select().from(workflows).where(eq(workflows.id, c.id)).for('update');
    if (!current || current.orgId !== c.orgId) return { outcome: 'taken' } as const;
    if (current.name === c.name) return { outcome: 'unchanged', workflow: current } as const;
    const [updated] = await tx.update(workflows).set({ name: c.name }).where(eq(workflows.id, c.id)).returning();
    await recordChange(tx, { orgId: c.orgId, code: 'workflow_renamed', actor: c.actor, workflowId: c.id, detail: `Workflow “${current.name}” → “${c.name}”`, ...c.client });
    return { outcome: 'updated', workflow: updated! } as const;
  });
}
