import { auditEvents } from '@/db/schema';
import type { Database } from '@/db/client';

/** A transaction of the database. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The database or a transaction of it: a change is recorded in the transaction that makes it. */
export type ChangeExecutor = Pick<Database, 'insert' | 'delete' | 'execute'>;

export type ExchangeChange = {
  /** `resource_added`, `resource_removed`, `allowance_set`, `allowance_removed`, `credential_created`, `credential_revoked`. */
  code: string;
  /** The app's org; null for the platform's resources (shown to platform admins only). */
  orgId: string | null;
  appId?: string | null;
  /** Who: an admin's user id, or null for the operator at the CLI. */
  actorId: string | null;
  detail: string;
};

/** Audits a change to resources, allowances or credentials (result `changed`), like an access rule change. */
export async function auditExchangeChange(exec: ChangeExecutor, c: ExchangeChange): Promise<void> {
  await exec.insert(auditEvents).values({
    result: 'changed',
    code: c.code,
    userId: c.actorId,
    authVia: c.actorId ? 'session' : null,
    appId: c.appId ?? null,
    orgId: c.orgId,
    detail: c.detail,
  });
}
