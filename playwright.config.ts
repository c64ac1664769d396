import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import {
  ARTIFACT_HOST_DOMAIN,
  ARTIFACT_HOST_HEALTH_URL,
  ARTIFACT_PROXY_DOMAIN,
  ARTIFACT_PROXY_HEALTH_URL,
  GATEWAY_URL,
  PLAIN_UPSTREAM_URL,
  plainUpstreamRequestLog,
  TOKEN_TTL_SECONDS,
} from './e2e/browser/support/env';

// A fresh embedded database for every run. Set once in the runner process; workers inherit it.
process.env.E2E_PGLITE_DIR ??= path.join('.data', `e2e-${Date.now()}`);
const pgliteDir = process.env.E2E_PGLITE_DIR;

function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined; // else Playwright's own
}

// Where the artifact proxy may connect: the plain upstream only (its default would be port 3201).
const PROXY_UPSTREAMS = new URL(PLAIN_UPSTREAM_URL).host;

const inherited = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
);

export default defineConfig({
  testDir: 'e2e/browser',
  // Only this suite's files: `npm test` may leave other reports in test-results/.
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  globalSetup: './e2e/browser/support/global-setup.ts',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: GATEWAY_URL,
    viewport: { width: 1280, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    { name: 'chromium', testMatch: /\.spec\.ts$/, dependencies: ['setup'] },
  ],
  webServer: [
    {
      name: 'gateway',
      // The production build as `npm start` runs it: run `next build` first. Only PORT is set:
      // APP_URL follows it (http://localhost:3300 = GATEWAY_URL), as on a newcomer's first start.
      // Before it, the specs' own users are added to the fresh database (support/spec-users.ts).
      command: 'npx tsx e2e/browser/support/create-spec-users.ts && npm start',
      url: `${GATEWAY_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      stdout: 'ignore',
      env: {
        ...inherited,
        DATABASE_URL: '', // never a shared database: the embedded one in PGLITE_DIR
        PORT: new URL(GATEWAY_URL).port,
        APP_URL: '',
        HOSTNAME: '',
        TRUSTED_PROXY_COUNT: '',
        PGLITE_DIR: pgliteDir,
        ARTIFACT_HOST_DOMAIN,
        ARTIFACT_PROXY_DOMAIN,
        ARTIFACT_PLAIN_UPSTREAM_URL: PLAIN_UPSTREAM_URL,
        ARTIFACT_PROXY_UPSTREAMS: PROXY_UPSTREAMS,
        ARTIFACT_PROXY_SECRET: '',
        APP_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS),
        // Blank = unset: secrets are generated beside the fresh database, password sign-in is on.
        AUTH_SECRET: '',
        APP_TOKEN_KEY_SECRET: '',
        AUTH_CREDENTIALS: '',
        RATE_LIMIT_MINTS_PER_MINUTE: '',
        // The server runs as in production, where webhooks go to public https only: the webhook
        // spec's receiver listens on http://127.0.0.1.
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
    {
      name: 'artifact-host',
      command: 'npx tsx e2e/artifact-host/server.ts',
      url: ARTIFACT_HOST_HEALTH_URL,
      reuseExistingServer: false,
      timeout: 60_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      stdout: 'ignore',
      env: {
        ...inherited,
        ARTIFACT_HOST_DOMAIN,
        ARTIFACT_PLAIN_UPSTREAM_URL: PLAIN_UPSTREAM_URL,
        ARTIFACT_PLAIN_UPSTREAM_REQUEST_LOG: plainUpstreamRequestLog(),
        APP_URL: GATEWAY_URL,
        GATEWAY_JWKS_URL: '',
      },
    },
    {
      name: 'artifact-proxy',
      command: 'npx tsx lib/artifact-proxy/main.ts',
      url: ARTIFACT_PROXY_HEALTH_URL,
      reuseExistingServer: false,
      timeout: 60_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      stdout: 'ignore',
      // The gateway's own embedded secrets (beside PGLITE_DIR) give both the same proxy keys.
      env: {
        ...inherited,
        DATABASE_URL: '',
        PGLITE_DIR: pgliteDir,
        AUTH_SECRET: '',
        APP_TOKEN_KEY_SECRET: '',
        ARTIFACT_PROXY_SECRET: '',
        ARTIFACT_PROXY_PORT: '',
        ARTIFACT_PROXY_GATEWAY_URL: '',
        APP_URL: GATEWAY_URL,
        ARTIFACT_PROXY_DOMAIN,
        // The same list as the gateway's: the proxy checks it again at every connection.
        ARTIFACT_PROXY_UPSTREAMS: PROXY_UPSTREAMS,
      },
    },
  ],
});
