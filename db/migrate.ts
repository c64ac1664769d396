import path from 'node:path';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { env } from '@/lib/config/env';
import { embeddedClient } from './client';
import { DatabaseUnavailableError } from './deadline';
import { EmbeddedDatabaseBusyError } from './embedded-lock';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');
const MIGRATION_LOCK = 727274;

let applied: Promise<void> | null = null;

/**
 * Applies the committed migrations, once per process: the CLI's `migrate` (the deploy step), and
 * every server start before it takes requests. Never at import time, never inside a request.
 */
export function migrateDatabase(): Promise<void> {
  applied ??= run().catch((error: unknown) => {
    applied = null; // a later start may try again
    if (error instanceof EmbeddedDatabaseBusyError) throw error;
    throw new DatabaseUnavailableError('the database could not be migrated', { cause: error });
  });
  return applied;
}

async function run(): Promise<void> {
  const url = env().DATABASE_URL;
  if (!url) {
    const client = await embeddedClient();
    await migratePglite(drizzlePglite(client!), { migrationsFolder });
    return;
  }
  // One dedicated connection; instances starting together are serialized by an advisory lock.
  const single = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres(single), { migrationsFolder });
  } finally {
    await single.end({ timeout: 5 });
  }
}
