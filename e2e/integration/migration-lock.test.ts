// Migrations hold a session advisory lock so that instances starting together migrate one at a time.
// A session that keeps it (one left behind on a pooled server connection, or a hung migration) must
// not make every later start and CLI command wait forever: the wait has a deadline, and the message
// says who holds the lock and how to end it.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { MIGRATION_LOCK } from '@/db/migration-lock';
import { resetEnv } from '@/lib/platform/config/env';
import { freshDatabase } from './harness/databases';

describe('the migrations\' lock on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    await closeDb();
    resetEnv();
    database = await freshDatabase('postgres', { migrated: false });
    Object.assign(process.env, { LOG_LEVEL: 'error' });
  });
  afterAll(async () => {
    await closeDb();
    await database?.cleanup();
  });

  it('held by an idle session, a migration gives up at its deadline naming the holder and how to end it; once released, it migrates', async () => {
    const holder = postgres(database.url!, { max: 1, onnotice: () => {} });
    const [held] = await holder<{ pid: number }[]>`select pg_backend_pid() as pid, pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      const refused = migrateDatabase({ lockWaitMs: 500 });
      await expect(refused).rejects.toThrow(`pid ${held!.pid}`);
      await expect(refused).rejects.toThrow(`select pg_terminate_backend(${held!.pid})`);
    } finally {
      await holder.end();
    }
    await expect(migrateDatabase({ lockWaitMs: 500 })).resolves.toBeUndefined();
  });
});
