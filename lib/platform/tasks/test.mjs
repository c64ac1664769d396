// `npm test`: type check, lint, production build and bundle, unit + API suites (vitest, both databases),
// browser suites (Playwright on Chromium, then puppeteer-core on Firefox ESR); ends with one line:
// "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const tally = { passed: 0, failed: 0 };
mkdirSync('test-results', { recursive: true });
console.log(`npm test on Node ${process.version} (${process.execPath})`);

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (r.status !== 0) console.log(`=== ${label} failed: exit status ${r.status}${r.signal ? `, signal ${r.signal}` : ''}${r.error ? `, ${r.error.message}` : ''}`);
  return r.status === 0;
}

function check(label, cmd, args, extraEnv = {}) {
  const ok = run(label, cmd, args, extraEnv);
  tally[ok ? 'passed' : 'failed'] += 1;
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

check('type check', 'npx', ['tsc', '--noEmit']);
// `npm run lint`: ESLint, then knip (unused files, exports and dependencies; knip.config.ts).
check('lint', 'npm', ['run', '--silent', 'lint']);
const built = check('production build', 'npx', ['next', 'build']);
// dist/app-gateway: the standalone bundle e2e/integration/bundle.test.ts runs from a folder outside the repo.
if (built) check('production bundle', 'node', ['lib/platform/tasks/bundle.mjs']);
else tally.failed += 1;

rmSync('test-results/vitest.json', { force: true });
const vitestOk = run('unit and API tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json'], { TEST_BUILT: built ? '1' : '' });
const v = readJson('test-results/vitest.json');
if (v) {
  tally.passed += v.numPassedTests;
  // A failed run with no failed test (an unhandled error, no test files found) still counts as one failure.
  tally.failed += v.numFailedTests + (!vitestOk && v.numFailedTests === 0 ? 1 : 0);
} else tally.failed += 1;

if (existsSync('playwright.config.ts')) {
  if (!built) tally.failed += 1;
  else {
    rmSync('test-results/playwright.json', { force: true });
    const pwOk = run('browser tests', 'npx', ['playwright', 'test']);
    const p = readJson('test-results/playwright.json');
    if (p?.stats) {
      tally.passed += p.stats.expected + p.stats.flaky;
      tally.failed += p.stats.unexpected + (!pwOk && p.stats.unexpected === 0 ? 1 : 0);
    } else tally.failed += 1;
  }
}

// The Firefox run (e2e/firefox, vitest.firefox.config.ts): the same world on ports of its own, in Firefox
// ESR over WebDriver BiDi. A machine without Firefox fails here, saying so: the run is part of CI.
function firefoxPath() {
  const candidates = process.env.FIREFOX_PATH ? [process.env.FIREFOX_PATH] : ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}
if (!built) tally.failed += 1;
else if (!firefoxPath()) {
  const tried = process.env.FIREFOX_PATH ? `FIREFOX_PATH=${process.env.FIREFOX_PATH} does not exist` : 'neither /usr/bin/firefox-esr nor /usr/bin/firefox exists';
  console.log(`\n=== Firefox tests failed: no Firefox (${tried}). Install it (apt-get install firefox-esr) or set FIREFOX_PATH.`);
  tally.failed += 1;
} else {
  rmSync('test-results/firefox.json', { force: true });
  const ffOk = run('Firefox tests', 'npx', ['vitest', 'run', '--config', 'vitest.firefox.config.ts']);
  const f = readJson('test-results/firefox.json');
  if (f) {
    tally.passed += f.numPassedTests;
    // A run that failed without a failed test (its servers or Firefox did not start, a file did not load) counts once.
    tally.failed += f.numFailedTests + (!ffOk && f.numFailedTests === 0 ? 1 : 0);
  } else tally.failed += 1;
}

// A short run of `npm run bench` on PostgreSQL: fails on any failed mint or on more round trips
// per mint than the contract allows; speeds are only printed.
if (built) check('benchmark smoke', 'npx', ['tsx', 'bench/run.ts', '--smoke', '--no-build'], { DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' });
else tally.failed += 1;

console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed === 0 ? 0 : 1);
