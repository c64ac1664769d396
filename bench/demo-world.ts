// The world of the benches that call the gateway in their own process (bench/mint-domain.ts,
// bench/handler-cost.ts): a fresh PostgreSQL database on DATABASE_URL's server (default the local
// `test` database) holding the demo world, the gateway started on it with its background jobs stopped.
import postgres from 'postgres';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Creates the database, sets the gateway's environment (the bench's `env` over these defaults: rate
 * limit off, the credentials sign-in on), starts the gateway and seeds the demo world. Import nothing
 * of the gateway before it: the gateway reads its environment once. `end` closes and drops the database.
 */
export async function startDemoWorld(prefix: string, env: Record<string, string>): Promise<{ databaseUrl: string; end: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  Object.assign(process.env, {
    DATABASE_URL: url.toString(),
    APP_URL: 'http://localhost:3000',
    AUTH_SECRET: 'bench-auth-secret-'.padEnd(48, 'a'),
    APP_TOKEN_KEY_SECRET: 'bench-key-secret-'.padEnd(48, 'k'),
    ARTIFACT_HOST_DOMAIN: 'apps.localhost:3100',
    RATE_LIMIT_MINTS_PER_MINUTE: '0',
    AUTH_CREDENTIALS: 'true',
    ...env,
  });
  const { closeDb } = await import('@/db/client');
  const end = async () => {
    await closeDb();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  try {
    await (await import('@/lib/platform/startup')).startGateway();
    await (await import('@/lib/platform/jobs/background-jobs')).stopJobs();
    await (await import('@/lib/gateway/demo/seed')).seedDemoWorld();
  } catch (e) {
    await end();
    throw e;
  }
  return { databaseUrl: url.toString(), end };
}

/** The session cookie a real sign-in sets (Auth.js's credentials callback, in this process, over HTTP). */
export async function signedInCookie(email: string): Promise<string> {
  const { startGatewayServer } = await import('../e2e/integration/harness/gateway-server');
  const { GatewayClient } = await import('../e2e/integration/harness/client');
  const server = await startGatewayServer();
  try {
    return await new GatewayClient(server.url, process.env.APP_URL!).signIn(email);
  } finally {
    await server.close();
  }
}
