import { auditEvents } from '@/db/schema';
import type { Transaction } from '@/db/client';
import { actorColumns, type Actor } from '../audit/actor';

/**
 * Audits a change to the platform's resources (result `changed`, no org: the platform admins' log).
 * Changes of an app's allowances and credentials are the org's, recorded with recordChange.
 */
export async function recordResourceChange(tx: Transaction, c: { code: 'resource_added' | 'resource_removed'; actor: Actor; detail: string }): Promise<void> {
  const a = actorColumns(c.actor);
  await tx.insert(auditEvents).values({
    result: 'changed',
    code: c.code,
    userId: a.userId,
    apiTokenId: a.apiTokenId,
    serviceAccountId: a.serviceAccountId,
    authVia: a.authVia,
    orgId: null,
    detail: c.detail,
  });
}
