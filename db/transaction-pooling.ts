import postgres from 'postgres';

/**
 * Whether `url` leads to a pooler in transaction mode (PgBouncer's pool_mode = transaction), which
 * runs one client connection's statements on whichever server connection is free. Two client
 * connections ask which server connection (backend pid) serves them. The first asks twice: a pooler
 * handing out server connections in turn (server_round_robin) answers differently. The second, inside
 * a transaction, then gets the first one's server connection from a pooler handing out the most
 * recently used one (PgBouncer's default). Last, the first asks again while the second holds its own.
 * Directly, or through a session-mode pool, none of this can happen. Run once at start.
 */
export async function leadsToTransactionPooler(url: string, connectTimeoutSeconds: number): Promise<boolean> {
  const options = { max: 1, prepare: false, fetch_types: false, onnotice: () => {}, connect_timeout: connectTimeoutSeconds };
  const first = postgres(url, options);
  const second = postgres(url, options);
  const backend = async (sql: postgres.Sql | postgres.TransactionSql) => (await sql<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
  try {
    const pid = await backend(first);
    if ((await backend(first)) !== pid) return true;
    return await second.begin(async (tx) => (await backend(tx)) === pid || (await backend(first)) !== pid);
  } finally {
    await Promise.all([first.end({ timeout: 1 }), second.end({ timeout: 1 })]);
  }
}
