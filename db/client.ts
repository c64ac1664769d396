import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '@/lib/platform/config/env';
import { DatabaseUnavailableError } from './deadline';
import { acquireEmbeddedLock, EmbeddedDatabaseBusyError } from './embedded-lock';
import { counted, countingClient, poolCounters } from './pool-stats';
import * as schema from './schema';

/** The one database module: postgres.js with DATABASE_URL, else PGlite in PGLITE_DIR. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction of it, as `db.transaction(async (tx) => …)` passes it. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

type Handle = {
  db: Database;
  driver: 'postgres' | 'pglite';
  /** Resolves when the client can take queries (PGlite opens its files; postgres.js connects lazily). */
  ready: Promise<void>;
  /** The embedded database itself, for the one-time migration step (db/migrate.ts). */
  embedded: PGlite | null;
  close: () => Promise<void>;
  /** Runs one statement as a named prepared statement (planned once per connection, where the driver can). */
  prepared: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
};

/** Statements sent to the database by this process, for whoever observes them (tests and the bench count round trips). */
let statementObserver: (() => void) | null = null;
export function observeStatements(observer: (() => void) | null): void {
  statementObserver = observer;
}
const observingLogger: Logger = { logQuery: () => statementObserver?.() };

function openPostgres(url: string): Handle {
  const e = env();
  const client = postgres(url, {
    max: e.DATABASE_POOL_MAX,
    connect_timeout: Math.ceil(e.DB_TIMEOUT_MS / 1000),
    idle_timeout: 60,
    max_lifetime: 60 * 30,
    onnotice: () => {},
    connection: { application_name: 'app-gateway' },
    // Behind PgBouncer's transaction pooling a named statement prepared on one server connection is
    // missing on the next: send every statement unnamed there (still one round trip each).
    prepare: !e.DATABASE_PGBOUNCER,
  });
  poolCounters.max = e.DATABASE_POOL_MAX;
  const db = drizzlePostgres(countingClient(client), { schema, logger: observingLogger }) as unknown as Database;
  const prepared = (text: string, params: unknown[]) =>
    counted(() => client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: !e.DATABASE_PGBOUNCER }) as unknown as Promise<Record<string, unknown>[]>);
  return { db, driver: 'postgres', ready: Promise.resolve(), embedded: null, close: () => client.end({ timeout: 5 }), prepared };
}

function openPglite(dir: string): Handle {
  const releaseLock = acquireEmbeddedLock(dir);
  const client = new PGlite(path.resolve(dir));
  poolCounters.max = 1;
  const db = drizzlePglite(client, { schema, logger: observingLogger }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    ready: client.waitReady,
    embedded: client,
    prepared: (text, params) => counted(async () => (await client.query<Record<string, unknown>>(text, params)).rows),
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

const store = globalThis as unknown as { __appGatewayDb?: Handle };

function handle(): Handle {
  if (!store.__appGatewayDb) {
    const url = env().DATABASE_URL;
    store.__appGatewayDb = url ? openPostgres(url) : openPglite(env().PGLITE_DIR);
  }
  return store.__appGatewayDb;
}

/**
 * The database client. It only connects: migrations are a separate step (db/migrate.ts) run by the
 * CLI and at server start. A client that cannot open is reported as unavailable and retried by the
 * next caller.
 */
export async function getDb(): Promise<Database> {
  const h = handle();
  try {
    await h.ready;
  } catch (error) {
    if (store.__appGatewayDb === h) {
      store.__appGatewayDb = undefined;
      await h.close().catch(() => {});
    }
    if (error instanceof EmbeddedDatabaseBusyError) throw error;
    throw new DatabaseUnavailableError('the database could not be opened', { cause: error });
  }
  return h.db;
}

/** Whether the database is open in this process (background jobs skip their turn when it is not). */
export function databaseOpen(): boolean {
  return store.__appGatewayDb !== undefined;
}

export function databaseDriver(): 'postgres' | 'pglite' {
  return env().DATABASE_URL ? 'postgres' : 'pglite';
}

export async function closeDb(): Promise<void> {
  const h = store.__appGatewayDb;
  store.__appGatewayDb = undefined;
  if (h) await h.close();
}

const dialect = new PgDialect();

/**
 * Rows of one hot-path statement, sent as a prepared statement: PostgreSQL plans it once per
 * connection instead of at every call. Observed like every other statement.
 */
export async function preparedRows<T>(query: SQL): Promise<T[]> {
  await getDb();
  const { sql: text, params } = dialect.sqlToQuery(query);
  statementObserver?.();
  return (await handle().prepared(text, params)) as T[];
}

/** The embedded database's own client (null on PostgreSQL), opened and ready. */
export async function embeddedClient(): Promise<PGlite | null> {
  await getDb();
  return handle().embedded;
}

/** Rows of a raw `db.execute()`, whichever driver answered. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
