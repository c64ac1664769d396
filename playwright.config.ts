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
  PLATFORM_API_URL,
  TOKEN_TTL_SECONDS,
} from './e2e/browser/support/env';
import { chromiumLaunchOptions } from './e2e/browser/support/chromium-launch';
import { browserServers, type BrowserWorld } from './e2e/browser/support/servers';

/**
 * Which specs this run takes: E2E_WORLD=parallel the ones that cannot disturb each other, =serial the
 * ones that change what others see (one at a time, on servers of their own: support/env.ts); unset,
 * both, the serial ones after the others. `npm test` runs the two worlds side by side.
 */
const E2E_WORLD = process.env.E2E_WORLD === 'parallel' || process.env.E2E_WORLD === 'serial' ? process.env.E2E_WORLD : null;
const RESULTS = E2E_WORLD ? `playwright-${E2E_WORLD}` : 'playwright';

// A fresh embedded database for every run. Set once in the runner process; workers inherit it.
process.env.E2E_PGLITE_DIR ??= path.join('.data', `e2e-${E2E_WORLD === 'serial' ? 'serial-' : ''}${Date.now()}`);
const pgliteDir = process.env.E2E_PGLITE_DIR;

const WORLD: BrowserWorld = {
  gatewayUrl: GATEWAY_URL,
  artifactHostDomain: ARTIFACT_HOST_DOMAIN,
  artifactHostHealthUrl: ARTIFACT_HOST_HEALTH_URL,
  artifactProxyDomain: ARTIFACT_PROXY_DOMAIN,
  artifactProxyHealthUrl: ARTIFACT_PROXY_HEALTH_URL,
  plainUpstreamUrl: PLAIN_UPSTREAM_URL,
  platformApiUrl: PLATFORM_API_URL,
  tokenTtlSeconds: TOKEN_TTL_SECONDS,
  pgliteDir,
  plainUpstreamRequestLog: plainUpstreamRequestLog(),
};

/**
 * Specs that change what other specs see while they run: access rules, apps, keys, members and
 * invitations, tokens, webhooks, service accounts, sessions, share links, sign-in lockouts, audit rows counted by the audit and
 * refusal specs. They run one at a time, after the rest.
 */
const CHANGES_SHARED_STATE =
  /(access-rules|access-requests|admin-acting-as-viewer|admin-apps|admin-audit|admin-groups|admin-service-accounts|admin-invitations|admin-keys|admin-members|admin-refusals|admin-test-mint|admin-tokens|admin-webhooks|first-run|session-ended|sessions|sharing|signin-lockout)\.spec\.ts$/;

export default defineConfig({
  testDir: 'e2e/browser',
  // Only this suite's files: `npm test` may leave other reports in test-results/.
  outputDir: `test-results/${RESULTS}`,
  fullyParallel: false,
  // Two spec files at a time where they cannot disturb each other (the `chromium` project); the
  // ones that change what others see run after them, one at a time (`chromium-serial`).
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // CI runs this beside the API suites on two cores, where a page can take several times as long.
  timeout: process.env.CI ? 60_000 : 45_000,
  expect: { timeout: process.env.CI ? 15_000 : 10_000 },
  reporter: [['list'], ['json', { outputFile: `test-results/${RESULTS}.json` }]],
  globalSetup: './e2e/browser/support/global-setup.ts',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: GATEWAY_URL,
    viewport: { width: 1280, height: 860 },
    // A failed test keeps its trace (actions, DOM snapshots, network) but no screencast: recording one
    // kept Chromium compositing and encoding frames for every test, about 5% of a core per open page.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    ...(E2E_WORLD === 'serial' ? [] : [{ name: 'chromium', testMatch: /\.spec\.ts$/, testIgnore: CHANGES_SHARED_STATE, dependencies: ['setup'] }]),
    ...(E2E_WORLD === 'parallel' ? [] : [{ name: 'chromium-serial', testMatch: CHANGES_SHARED_STATE, dependencies: [E2E_WORLD === 'serial' ? 'setup' : 'chromium'], workers: 1 }]),
  ],
  // The same servers (and env) as the Firefox run's, on this suite's ports: support/servers.ts.
  webServer: browserServers(WORLD).map(({ name, command, url, timeout, env }) => ({
    name,
    command,
    url,
    env,
    timeout,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    stdout: 'ignore',
  })),
});
