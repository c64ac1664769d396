// The Firefox run's world (vitest.firefox.config.ts): the four servers of the Chromium suite on this
// run's ports and a fresh embedded database, and one headless Firefox ESR that every spec file
// attaches to (each in a browser context of its own). Stopped at the end, whatever happened.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { TestProject } from 'vitest/node';
import { browserServers, inheritedEnv } from '../../browser/support/servers';
import { firefoxExecutable, firefoxWorld, TOKEN_TTL_SECONDS } from './env';
import { connectFirefox, launchFirefox } from './firefox';
import { startServers, type RunningServer } from './run-servers';
import { startSinkProxy } from './sink-proxy';

declare module 'vitest' {
  export interface ProvidedContext {
    firefoxWsEndpoint: string;
  }
}

const RUNS_DIR = '.data';
const RUN_PREFIX = 'firefox-';

/** Removes the databases, secrets and logs of earlier Firefox runs. */
function removeEarlierRuns(): void {
  let entries: string[];
  try {
    entries = readdirSync(RUNS_DIR);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (new RegExp(`^${RUN_PREFIX}\\d+(\\.logs|\\.lock|\\.secrets\\.json)?$`).test(entry)) rmSync(path.join(RUNS_DIR, entry), { recursive: true, force: true });
  }
}

/**
 * What the servers inherit: this process's environment as a shell would pass it to `npm start`, without
 * what vitest adds (NODE_ENV=test, VITEST*).
 */
function serverEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(inheritedEnv()).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST')));
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const executablePath = firefoxExecutable(existsSync);
  if (!executablePath) {
    throw new Error(
      `Firefox not found (${process.env.FIREFOX_PATH ? `FIREFOX_PATH=${process.env.FIREFOX_PATH}` : 'tried /usr/bin/firefox-esr and /usr/bin/firefox'}): ` +
        'install it (apt-get install firefox-esr) or set FIREFOX_PATH.',
    );
  }
  if (!existsSync('.next/BUILD_ID')) throw new Error('No production build in .next: run `npx next build` first.');

  removeEarlierRuns();
  const pgliteDir = path.join(RUNS_DIR, `${RUN_PREFIX}${Date.now()}`);
  const logDir = `${pgliteDir}.logs`;
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'app-gateway-firefox-'));
  const started = Date.now();

  const sink = await startSinkProxy();
  // Firefox starts while the servers do: both take seconds.
  const [servers, browser] = await Promise.allSettled([
    startServers(browserServers(firefoxWorld(pgliteDir, TOKEN_TTL_SECONDS), serverEnv()), logDir),
    launchFirefox({ executablePath, profileDir, sinkProxy: sink }),
  ]);

  let running: RunningServer[] = [];
  let firefox: Browser | null = null;
  if (servers.status === 'fulfilled') running = servers.value;
  if (browser.status === 'fulfilled') firefox = browser.value;
  // The servers run in process groups of their own, which a Ctrl-C does not reach: a runner that exits
  // without its teardown (interrupted) takes them down with it. (Puppeteer does the same for Firefox.)
  const killOnExit = () => running.forEach((server) => server.kill());
  process.once('exit', killOnExit);
  const firefoxProcess = firefox?.process() ?? null;
  const wsEndpoint = firefox?.wsEndpoint() ?? '';
  const version = (await firefox?.version().catch(() => null)) ?? '?';
  // The specs open their own WebDriver BiDi sessions: Firefox allows one at a time.
  await firefox?.disconnect();

  async function teardown(): Promise<void> {
    const firefoxRunning = () => firefoxProcess !== null && firefoxProcess.exitCode === null && firefoxProcess.signalCode === null;
    if (firefoxProcess && firefoxRunning()) {
      const exited = new Promise((resolve) => firefoxProcess.once('exit', resolve));
      try {
        await (await connectFirefox(wsEndpoint)).close();
      } catch {
        firefoxProcess.kill('SIGKILL');
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (firefoxRunning()) firefoxProcess.kill('SIGKILL');
    }
    await Promise.all(running.map((server) => server.stop()));
    process.removeListener('exit', killOnExit);
    await sink.close();
    rmSync(profileDir, { recursive: true, force: true });
    const tried = sink.tried();
    if (tried.length > 0) console.warn(`Firefox tried to reach (refused, no network in this run): ${tried.join(', ')}`);
  }

  if (servers.status === 'rejected' || browser.status === 'rejected') {
    await teardown();
    const reasons = [servers, browser].filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => (o.reason instanceof Error ? o.reason.message : String(o.reason)));
    throw new Error(`The Firefox run could not start:\n${reasons.join('\n\n')}`);
  }

  console.log(`Firefox run: ${version} (${executablePath}); servers and browser up in ${((Date.now() - started) / 1000).toFixed(1)} s; server logs in ${logDir}`);
  project.provide('firefoxWsEndpoint', wsEndpoint);
  return teardown;
}
