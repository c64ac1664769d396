import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, beforeAll } from 'vitest';
import { closeDb } from '@/db/client';
import { resetEnv } from '@/lib/platform/config/env';
import { resetKeyring } from '@/lib/gateway/keys/keyring';
import { GatewayClient } from './client';
import { freshDatabase, type DbKind } from './databases';
import { startGatewayServer } from './gateway-server';

export const APP_URL = 'http://localhost:3000';

export type Gateway = {
  client: GatewayClient;
  url: string;
  verify: (token: string, audience: string) => Promise<JWTPayload>;
  kid: (token: string) => string;
  /**
   * Stops this gateway and starts another on the same database with these variables changed, as a
   * restart with a new environment would (the configuration read again, keys loaded again).
   */
  restart: (env: Record<string, string>) => Promise<Gateway>;
  stop: () => Promise<void>;
};

/** A gateway on a fresh database of the given kind, seeded with the demo world, behind real HTTP. */
export async function startGateway(kind: DbKind, env: Record<string, string> = {}): Promise<Gateway> {
  // A second gateway in the same test file starts from a clean slate, as a new process would.
  await closeDb();
  resetEnv();
  resetKeyring();
  const database = await freshDatabase(kind);
  Object.assign(process.env, { APP_URL, ARTIFACT_HOST_DOMAIN: 'apps.localhost:3100', LOG_LEVEL: 'error', AUTH_CREDENTIALS: 'true', ...env });
  return boot(kind, database, { seed: kind === 'postgres' });
}

/**
 * The gateway of a describe block (or of a file, called at its top): `startGateway(kind, env)` before
 * the block's tests, ahead of the block's own beforeAll hooks (registered after this call), and
 * stopped after them. What it returns stands for the running gateway: its members read the one
 * started, and `restart` replaces that one (answering the same stand-in).
 */
export function gatewayForSuite(kind: DbKind, env: Record<string, string> = {}): Gateway {
  let running: Gateway | undefined;
  const current = () => {
    if (!running) throw new Error('The suite’s gateway is not running: use it in tests and hooks, not while the suite is collected.');
    return running;
  };
  beforeAll(async () => {
    running = await startGateway(kind, env);
  });
  afterAll(async () => running?.stop());
  const suiteGateway: Gateway = {
    get client() {
      return current().client;
    },
    get url() {
      return current().url;
    },
    verify: (token, audience) => current().verify(token, audience),
    kid: (token) => current().kid(token),
    restart: async (changed) => {
      running = await current().restart(changed);
      return suiteGateway;
    },
    stop: async () => {
      await running?.stop();
      running = undefined;
    },
  };
  return suiteGateway;
}

async function boot(kind: DbKind, database: Awaited<ReturnType<typeof freshDatabase>>, { seed }: { seed: boolean }): Promise<Gateway> {
  const { startGateway: start } = await import('@/lib/platform/startup');
  await start();
  // The background jobs stop once started (the audit retention's first run done): tests that deliver
  // webhooks or prune run them themselves (deliverDueWebhooks, pruneRateWindow), and the rest count
  // statements per mint without them.
  const { stopJobs } = await import('@/lib/platform/jobs/background-jobs');
  await stopJobs();
  if (seed) {
    const { seedDemoWorld } = await import('@/lib/gateway/demo/seed');
    await seedDemoWorld();
  }
  const server = await startGatewayServer();
  const jwks = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`), { cooldownDuration: 0, cacheMaxAge: 0 });
  return {
    client: new GatewayClient(server.url, APP_URL),
    url: server.url,
    verify: async (token, audience) =>
      (await jwtVerify(token, jwks, { algorithms: ['ES256'], typ: 'app-session+jwt', issuer: APP_URL, audience })).payload,
    kid: (token) => decodeProtectedHeader(token).kid!,
    restart: async (env) => {
      await server.close();
      await closeDb();
      resetEnv();
      resetKeyring();
      Object.assign(process.env, env);
      return boot(kind, database, { seed: false });
    },
    stop: async () => {
      await server.close();
      await closeDb();
      await database.cleanup();
    },
  };
}
