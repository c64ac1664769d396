// `npm test`: the unit tests and lint beside the production build (they do not need it), then the
// bundle, then lanes side by side — (1) the API suites (vitest, both databases), the files that run one
// at a time first; (2) and (3) the Chromium suite (Playwright) as two worlds: the specs that change what
// others see, one at a time, and all the others; (4), once the first Chromium world is done, the Firefox
// run (puppeteer-core over WebDriver BiDi), then the type check; (5) once both Chromium worlds and the
// one-at-a-time API files are done, the benchmark smoke. Each lane's output is kept in test-results/<lane>.log and printed whole
// when the lanes are done. Ends with one line: "N passed, N failed".
//
// Why lanes: the browser suites spend most of their time waiting on pages, polls and timers (the
// Chromium suite used ~300 CPU-seconds in ~15 minutes), so on two cores they fit beside the vitest
// run, which is what keeps the CPUs busy. They cannot disturb each other: the browser worlds run on
// their own embedded databases and fixed ports (3300 and 3101–3104, 3500–3504, 3400–3404), vitest's
// files on free ports and databases of their own.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const tally = { passed: 0, failed: 0 };
const started = Date.now();
mkdirSync('test-results', { recursive: true });
console.log(`npm test on Node ${process.version} (${process.execPath})`);

const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;

/** A step whose output goes to this process's own, resolving with its success: while the lanes' children write to their files. */
function runBeside(label, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...env, ...extraEnv } });
    child.on('error', (error) => (console.log(`=== ${label} failed: ${error.message}`), resolve(false)));
    child.on('exit', (code, signal) => {
      if (code !== 0) console.log(`=== ${label} failed: exit status ${code}${signal ? `, signal ${signal}` : ''}`);
      resolve(code === 0);
    });
  });
}

function runInline(label, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (r.status !== 0) console.log(`=== ${label} failed: exit status ${r.status}${r.signal ? `, signal ${r.signal}` : ''}${r.error ? `, ${r.error.message}` : ''}`);
  return r.status === 0;
}

/** A lane: its steps one after another, their output into one file. Resolves with each step's success. */
function lane(name, steps) {
  const logPath = `test-results/${name}.log`;
  rmSync(logPath, { force: true });
  const fd = openSync(logPath, 'a');
  // Headers go through the descriptor the children write to, so the file keeps their order.
  const write = (text) => writeSync(fd, text);
  return (async () => {
    const outcomes = [];
    for (const step of steps) {
      if (step.skip?.()) continue;
      write(`\n=== ${step.label}: ${step.cmd} ${step.args.join(' ')}\n`);
      const status = await new Promise((resolve) => {
        const child = spawn(step.cmd, step.args, { stdio: ['ignore', fd, fd], env: { ...env, ...(step.env ?? {}) } });
        child.on('error', () => resolve(-1));
        child.on('exit', (code, signal) => resolve(signal ? `signal ${signal}` : code));
      });
      if (status !== 0) write(`=== ${step.label} failed: exit status ${status}\n`);
      console.log(`--- ${name}: ${step.label} ${status === 0 ? 'done' : 'FAILED'} at ${elapsed()}`);
      outcomes.push({ step, ok: status === 0 });
      step.after?.(status === 0);
    }
    closeSync(fd);
    return { name, logPath, outcomes };
  })();
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

for (const report of ['vitest-unit', 'vitest', 'vitest-serial', 'playwright-parallel', 'playwright-serial', 'firefox']) rmSync(`test-results/${report}.json`, { force: true });

/** A vitest run of some of vitest.config.ts's projects, its JSON report in test-results/<report>.json. */
const vitestStep = (label, report, projects, { built = false } = {}) => ({
  label,
  cmd: 'npx',
  args: ['vitest', 'run', ...projects.flatMap((project) => ['--project', project]), '--reporter=default', '--reporter=json', `--outputFile=test-results/${report}.json`],
  env: { TEST_BUILT: built ? '1' : '' },
  counts: report,
});

// Beside the build, what does not need it: the unit tests (no database, no server) and lint — ESLint,
// then knip (unused files, exports and dependencies; knip.config.ts). The build kept about 0.7 of the
// two cores busy (47 CPU-seconds in 67 s on 2026-12-07).
const besideBuild = lane('unit-and-lint', [
  vitestStep('unit tests', 'vitest-unit', ['unit']),
  { label: 'lint', cmd: 'npm', args: ['run', '--silent', 'lint'], counts: 'check' },
]);

// The build: the API suites' built-server tests and both browser suites run its output. Its type check
// is the `tsc --noEmit` after the Firefox run (the same files, .next/types included), beside the suites.
const built = await runBeside('production build', 'npx', ['next', 'build'], { APP_GATEWAY_BUILD_TYPECHECKED_ELSEWHERE: '1' });
tally[built ? 'passed' : 'failed'] += 1;
// dist/app-gateway: the standalone bundle e2e/integration/bundle.test.ts runs from a folder outside the repo.
if (built) tally[runInline('production bundle', 'node', ['lib/platform/tasks/bundle.mjs']) ? 'passed' : 'failed'] += 1;
else tally.failed += 1;

console.log(`\n=== the lanes, side by side (from ${elapsed()}); each lane's output follows when all are done`);

function firefoxPath() {
  const candidates = process.env.FIREFOX_PATH ? [process.env.FIREFOX_PATH] : ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

// The Firefox run (e2e/firefox, vitest.firefox.config.ts): the same world on ports of its own, in Firefox
// ESR over WebDriver BiDi. A machine without Firefox fails here, saying so: the run is part of CI.
const firefoxAndCheckSteps = [
  { label: 'Firefox tests', cmd: 'npx', args: ['vitest', 'run', '--config', 'vitest.firefox.config.ts'], skip: () => !built || !firefoxPath(), counts: 'firefox' },
  { label: 'type check', cmd: 'npx', args: ['tsc', '--noEmit'], counts: 'check' },
];

// The API files that must not share PostgreSQL or their fixed ports with another file (vitest.config.ts,
// SERIAL_FILES) go first, one at a time, beside the browser worlds, which use only embedded databases:
// last, as vitest orders them, they left a core idle for minutes. Then every other API file.
const apiSerial = lane('api-serial', [vitestStep('API tests that run one at a time', 'vitest-serial', ['integration-serial'], { built })]);
const lanes = [besideBuild, apiSerial, apiSerial.then(() => lane('api', [vitestStep('API tests', 'vitest', ['integration'], { built })]))];
// The Chromium suite as two worlds, each with its own servers and database (playwright.config.ts):
// the specs that change what others see, one at a time, beside all the others.
const chromium = [];
if (built && existsSync('playwright.config.ts')) {
  for (const world of ['parallel', 'serial']) {
    chromium.push(lane(`chromium-${world}`, [{ label: `browser tests (${world})`, cmd: 'npx', args: ['playwright', 'test'], env: { E2E_WORLD: world }, counts: `playwright-${world}` }]));
  }
}
lanes.push(...chromium);
// Firefox and the type check start once the first Chromium world is done: at the start they only
// slowed the others (all at once kept ~20 processes waiting for two cores).
lanes.push(Promise.race(chromium.length > 0 ? chromium : [apiSerial]).then(() => lane('firefox-and-checks', firefoxAndCheckSteps)));

// A short run of `npm run bench` on PostgreSQL: fails on any failed mint or on more round trips per
// mint or exchange than the contract allows; speeds are only printed. Its round trips count its own
// database's transactions less what the gateway's background jobs send meanwhile (bench/round-trips.ts),
// so the other API files may run beside it, but not the ones that run one at a time (a long seeding
// transaction elsewhere in the cluster hides their revocation feed's entries), nor the Chromium worlds
// (beside them, in a rehearsal on 2026-12-07, its load pushed the API reference pages past their timeouts).
const benchStep = {
  label: 'benchmark smoke',
  cmd: 'npx',
  args: ['tsx', 'bench/run.ts', '--smoke', '--no-build'],
  env: { DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  counts: 'check',
};
if (built) lanes.push(Promise.all([apiSerial, ...chromium]).then(() => lane('benchmark', [benchStep])));

const results = await Promise.all(lanes);

for (const { name, logPath } of results) {
  console.log(`\n######## lane ${name} (${logPath})`);
  process.stdout.write(readFileSync(logPath, 'utf8'));
}

/** Counts a finished step: a check passes or fails once; a suite adds its tests (a run that failed with no failed test counts once). */
function count({ step, ok }) {
  if (step.counts === 'check') {
    tally[ok ? 'passed' : 'failed'] += 1;
    return;
  }
  if (step.counts.startsWith('playwright')) {
    const p = readJson(`test-results/${step.counts}.json`);
    if (!p?.stats) return void (tally.failed += 1);
    tally.passed += p.stats.expected + p.stats.flaky;
    tally.failed += p.stats.unexpected + (!ok && p.stats.unexpected === 0 ? 1 : 0);
    return;
  }
  // vitest's JSON report (the API suites, the Firefox run)
  const v = readJson(`test-results/${step.counts}.json`);
  if (!v) return void (tally.failed += 1);
  tally.passed += v.numPassedTests;
  tally.failed += v.numFailedTests + (!ok && v.numFailedTests === 0 ? 1 : 0);
}
for (const { outcomes } of results) outcomes.forEach(count);

if (!built) tally.failed += 4; // the two Chromium worlds, the Firefox run and the benchmark could not run
else {
  if (!existsSync('playwright.config.ts')) tally.failed += 2;
  if (!firefoxPath()) {
    const tried = process.env.FIREFOX_PATH ? `FIREFOX_PATH=${process.env.FIREFOX_PATH} does not exist` : 'neither /usr/bin/firefox-esr nor /usr/bin/firefox exists';
    console.log(`\n=== Firefox tests failed: no Firefox (${tried}). Install it (apt-get install firefox-esr) or set FIREFOX_PATH.`);
    tally.failed += 1;
  }
}

console.log(`\nnpm test took ${elapsed()}`);
console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed === 0 ? 0 : 1);
