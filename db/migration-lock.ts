import type postgres from 'postgres';

/** The session advisory lock that lets one process at a time migrate a database. */
export const MIGRATION_LOCK = 727274;
/** Longer than any migration takes, shorter than forever. */
export const MIGRATION_LOCK_WAIT_MS = 120_000;
const POLL_MS = 250;

/** The migrations' lock stayed held by another session past the deadline. */
export class MigrationLockTimeoutError extends Error {
  override name = 'MigrationLockTimeoutError';
}

type Holder = { pid: number; state: string | null; application_name: string | null; seconds: number | null };

/**
 * Takes the migrations' session lock on this connection, waiting at most `waitMs`. It polls a
 * non-waiting try rather than waiting under lock_timeout: a SET does not survive a transaction-mode
 * pooler, and there the wait would have no end.
 */
export async function takeMigrationLock(sql: postgres.Sql, waitMs = MIGRATION_LOCK_WAIT_MS): Promise<void> {
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    const [row] = await sql<{ taken: boolean }[]>`select pg_try_advisory_lock(${MIGRATION_LOCK}) as taken`;
    if (row!.taken) return;
    if (Date.now() >= giveUpAt) throw new MigrationLockTimeoutError(await whoHolds(sql, waitMs));
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function releaseMigrationLock(sql: postgres.Sql): Promise<void> {
  await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
}

async function whoHolds(sql: postgres.Sql, waitMs: number): Promise<string> {
  const [holder] = await sql<Holder[]>`
    select a.pid, a.state, a.application_name, extract(epoch from now() - a.state_change)::int as seconds
    from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.granted and l.classid = 0 and l.objid = ${MIGRATION_LOCK} and l.objsubid = 1
      and l.database = (select oid from pg_database where datname = current_database())`;
  const waited = `Migrations waited ${Math.round(waitMs / 1000)} s for their lock (advisory lock ${MIGRATION_LOCK})`;
  if (!holder) return `${waited}, held by another session.`;
  const state = holder.state ? `, ${holder.state}${holder.seconds !== null ? ` for ${holder.seconds} s` : ''}` : '';
  const app = holder.application_name ? `, application_name '${holder.application_name}'` : '';
  return (
    `${waited}: it is held by pid ${holder.pid}${state}${app}.\n` +
    `  If another instance is migrating, try again once it is done. If that session is idle, a migration\n` +
    `  through a transaction-mode pooler left the lock behind (see DATABASE_MIGRATION_URL); end the session:\n` +
    `    select pg_terminate_backend(${holder.pid});`
  );
}
