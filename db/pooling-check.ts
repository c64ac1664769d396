import { EnvError, type Env } from '@/lib/platform/config/env';
import { withDeadline } from './deadline';
import { leadsToTransactionPooler } from './transaction-pooling';

const needsFlag =
  'Invalid configuration:\n' +
  '  - DATABASE_PGBOUNCER: DATABASE_URL leads to a pooler in transaction mode (PgBouncer pool_mode = transaction),\n' +
  '    where named prepared statements and session locks do not survive between transactions.\n' +
  '    Set DATABASE_PGBOUNCER=true, and DATABASE_MIGRATION_URL to a direct connection for migrations;\n' +
  '    or point DATABASE_URL at PostgreSQL directly or at a session-mode pool.';

const migrationUrlPooled =
  'Invalid configuration:\n' +
  '  - DATABASE_MIGRATION_URL: leads to a pooler in transaction mode (PgBouncer pool_mode = transaction):\n' +
  '    migrations hold a session advisory lock, which such a pooler leaves held on one of its server\n' +
  '    connections. Point it at PostgreSQL directly, or at a session-mode pool.';

/**
 * Refuses (EnvError) a transaction-mode pooler where the gateway needs a session: DATABASE_URL without
 * DATABASE_PGBOUNCER=true, and DATABASE_MIGRATION_URL always. Once per process, before migrating.
 */
export async function refuseTransactionPooling(e: Env): Promise<void> {
  const probe = (url: string) => withDeadline(leadsToTransactionPooler(url, Math.ceil(e.DB_TIMEOUT_MS / 1000)), 3 * e.DB_TIMEOUT_MS);
  if (!e.DATABASE_URL) return;
  if (!e.DATABASE_PGBOUNCER && (await probe(e.DATABASE_URL))) throw new EnvError(needsFlag);
  if (e.DATABASE_MIGRATION_URL && (await probe(e.DATABASE_MIGRATION_URL))) throw new EnvError(migrationUrlPooled);
}
