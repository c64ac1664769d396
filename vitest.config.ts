import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { bundleSdkBrowser, SDK_BROWSER_CONSTANT } from './lib/platform/tasks/sdk-browser.mjs';

const API = 'e2e/integration';
/** Makes the migrated embedded database that fresh PGlite databases are copied from (harness/pglite-template.ts). */
const GLOBAL_SETUP = `${API}/harness/global-setup.ts`;

/**
 * API test files that must not share the machine with another test file: they run one at a time,
 * after every other file (vitest runs a project without file parallelism last, alone).
 * - PgBouncer on its fixed port 6432: any file using the harness (e2e/integration/harness/pgbouncer.ts);
 * - the load test: a production server under load, its memory measured;
 * - two production servers on one database (two-instances, webhooks-two-instances);
 * - the bundle: a production server from dist/app-gateway;
 * - `next dev`: compiles the whole app into .next/dev;
 * - the revocation feed read on PostgreSQL (revocations, sessions): the feed shows only transactions
 *   older than every transaction still running in the whole cluster (pg_snapshot_xmin), so another
 *   file migrating or writing its own database at that moment hides the entries just written
 *   (sharing too: it reads the feed after each loss of guest access; access-requests after each grant's end;
 *   scim-users after each suspension, scim-groups after a member leaves a group; groups and groups-api after
 *   someone leaves a group, oidc-sign-in after a sign-in takes someone out of one).
 */
const SERIAL_FILES = [
  'load.test.ts',
  'two-instances.test.ts',
  'webhooks-two-instances.test.ts',
  'bundle.test.ts',
  'dev-host-redirect.test.ts',
  'revocations.test.ts',
  'sessions.test.ts',
  'sharing.test.ts',
  'management-audit.test.ts',
  'guests.test.ts',
  'access-requests.test.ts',
  'scim-users.test.ts',
  'scim-groups.test.ts',
  'groups.test.ts',
  'groups-api.test.ts',
  'oidc-sign-in.test.ts',
];
const serialApiFiles = readdirSync(API, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => SERIAL_FILES.includes(path.basename(file)) || /harness\/pgbouncer'/.test(readFileSync(path.join(API, file), 'utf8')))
  .map((file) => `${API}/${file}`);

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  // As next.config.js compiles it into the gateway: the SDK's browser helper the route serves.
  define: { [SDK_BROWSER_CONSTANT]: JSON.stringify(bundleSdkBrowser()) },
  test: {
    exclude: ['**/node_modules/**', 'e2e/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    server: { deps: { inline: ['next-auth', '@auth/core'] } },
    // Workers for the parallel projects, which run together (vitest needs one count for both): one a core.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Pure: no database, no fixed port.
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'e2e/artifact-host/**/*.test.ts'], pool: 'threads' },
      },
      {
        extends: true,
        // Each file gets its own process, configuration, database and ports, so files run side by side.
        test: { name: 'integration', include: [`${API}/**/*.test.ts`], exclude: serialApiFiles, pool: 'forks', isolate: true, globalSetup: [GLOBAL_SETUP] },
      },
      {
        extends: true,
        test: { name: 'integration-serial', include: serialApiFiles, pool: 'forks', isolate: true, fileParallelism: false, globalSetup: [GLOBAL_SETUP] },
      },
    ],
  },
});
