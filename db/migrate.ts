import path from 'node:path';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { env, EnvError } from '@/lib/platform/config/env';
import { embeddedClient, getDb, type Database } from './client';
import { DatabaseUnavailableError } from './deadline';
import { EmbeddedDatabaseBusyError } from './embedded-lock';
import { MIGRATION_LOCK_WAIT_MS, MigrationLockTimeoutError, releaseMigrationLock, takeMigrationLock } from './migration-lock';
import { refuseTransactionPooling } from './pooling-check';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

// Once per opened database (a process that closes and reopens it migrates the new one).
const applied = new WeakMap<Database, Promise<void>>();

/**
 * Applies the committed migrations, once per database a process opens: the CLI's `migrate` (the
 * deploy step), and every server start before it takes requests. Never at import time, never
 * inside a request. First it refuses a transaction-mode pooler where a session is needed (EnvError).
 */
export async function migrateDatabase({ lockWaitMs = MIGRATION_LOCK_WAIT_MS } = {}): Promise<void> {
  const db = await getDb();
  let done = applied.get(db);
  if (!done) {
    done = run(lockWaitMs).catch((error: unknown) => {
      applied.delete(db); // a later start may try again
      if (error instanceof EmbeddedDatabaseBusyError || error instanceof EnvError || error instanceof MigrationLockTimeoutError) throw error;
      throw new DatabaseUnavailableError('the database could not be migrated', { cause: error });
    });
    applied.set(db, done);
  }
  return done;
}

async function run(lockWaitMs: number): Promise<void> {
  const url = env().DATABASE_URL;
  if (!url) {
    const client = await embeddedClient();
    await migratePglite(drizzlePglite(client!), { migrationsFolder });
    return;
  }
  await refuseTransactionPooling(env());
  // One dedicated direct connection; instances starting together are serialized by a session
  // advisory lock (which a transaction-mode pooler would not keep: hence DATABASE_MIGRATION_URL).
  const single = postgres(env().DATABASE_MIGRATION_URL ?? url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await takeMigrationLock(single, lockWaitMs);
    await migratePostgres(drizzlePostgres(single), { migrationsFolder });
    await releaseMigrationLock(single);
  } finally {
    await single.end({ timeout: 5 });
  }
}
