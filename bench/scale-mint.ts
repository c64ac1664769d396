// npx tsx bench/scale-mint.ts [--apps=1000,100000 --seconds=5 --rounds=5 --callers=8] (via the Node 24
// launcher): the mint's domain path (the one statement + signing, no HTTP, API token, rate limit off) on
// PostgreSQL databases of different sizes, each in a worker process of its own, seeded once (apps with
// proportional orgs, users, memberships and audit rows: bench/seed-scale.ts) and then measured in
// ALTERNATING rounds, one worker at a time, so a machine whose load drifts weighs on every size alike.
// Prints mints/s and CPU per mint (gateway, database) per round, and each size's medians against the first.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { closedLoop, closedLoopFlags } from './closed-loop';
import { startDemoWorld } from './demo-world';
import { runSql, scaleFor, scaleSeedSql, SETTLE_SQL } from './seed-scale';
import { median } from './stats';
import { exitWhenDone } from './exit-when-done';

const { values } = parseArgs({
  options: {
    apps: { type: 'string', default: '1000,100000' },
    ...closedLoopFlags({ seconds: '5', rounds: '5' }),
    worker: { type: 'string' },
  },
  strict: true,
});
const CALLERS = Number(values.callers);

type Round = { rate: number; gatewayUs: number; databaseUs: number };
type Ask = { seconds: number } | { stop: true };

/** A worker: a fresh database with the demo world and `apps` apps, the gateway in this process; answers rounds on request. */
async function worker(apps: number): Promise<void> {
  const world = await startDemoWorld(`agw_scale_${apps}`, { DATABASE_POOL_MAX: String(CALLERS), LOG_LEVEL: 'error' });
  const stats = postgres(world.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // The demo world already holds a few apps: the seed adds the rest of the size.
    await runSql({ url: world.databaseUrl }, [...scaleSeedSql(scaleFor(apps)), SETTLE_SQL]);
    const { createApiToken } = await import('@/lib/auth/api-tokens/api-tokens');
    const { hashApiToken } = await import('@/lib/auth/api-tokens/api-token-secret');
    const { mint: mintUseCase } = await import('@/lib/gateway/mint/mint');
    const { token } = await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' });
    const caller = { ok: true as const, caller: { kind: 'api_token' as const, tokenHash: hashApiToken(token) } };
    const mint = async () => {
      const out = await mintUseCase({ appId: 'run_acme_dashboard', body: { ok: true, json: {} }, caller, ip: '127.0.0.1', userAgent: 'bench' });
      if (!out.ok) throw new Error(`mint refused: ${out.code}`);
    };
    for (let i = 0; i < 500; i++) await mint(); // warm-up: connections, prepared statements, the signer
    // CPU time of this database's backends, from /proc (the database runs on this machine).
    const backendCpuUs = async () => {
      let ticks = 0;
      for (const { pid } of await stats`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`) {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks += Number(f[11]) + Number(f[12]);
      }
      return ticks * 10_000; // 100 Hz clock ticks
    };
    process.send!({ ready: true });
    for (;;) {
      const [ask] = (await once(process, 'message')) as [Ask];
      if ('stop' in ask) break;
      const db0 = await backendCpuUs();
      const { n, cpuUs } = await closedLoop(CALLERS, ask.seconds * 1000, mint);
      const round: Round = { rate: Math.round(n / ask.seconds), gatewayUs: Math.round(cpuUs / n), databaseUs: Math.round(((await backendCpuUs()) - db0) / n) };
      process.send!(round);
    }
  } finally {
    await stats.end();
    await world.end();
  }
}

async function ask(child: ChildProcess, message: Ask): Promise<Round> {
  child.send(message);
  const [answer] = (await once(child, 'message')) as [Round];
  return answer;
}

async function main(): Promise<void> {
  const sizes = values.apps.split(',').map(Number);
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  console.log(`Seeding ${sizes.join(' and ')} apps (one worker and database each)…`);
  const started = performance.now();
  const workers = sizes.map((apps) => fork(fileURLToPath(import.meta.url), [`--worker=${apps}`, `--callers=${CALLERS}`], { execArgv: process.execArgv }));
  await Promise.all(workers.map((w) => once(w, 'message')));
  console.log(`seeded in ${Math.round((performance.now() - started) / 1000)} s`);
  const results: Round[][] = sizes.map(() => []);
  for (let r = 0; r < rounds; r++) {
    // Each round the order turns, so neither size always runs right after the other.
    const order = sizes.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const round = await ask(workers[i]!, { seconds });
      results[i]!.push(round);
      console.log(`round ${r + 1}, ${sizes[i]} apps: ${round.rate} mints/s, CPU per mint: gateway ${round.gatewayUs} µs, database ${round.databaseUs} µs`);
    }
  }
  for (const w of workers) w.send({ stop: true });
  await Promise.all(workers.map((w) => once(w, 'exit')));
  const medians = results.map((rs) => ({ rate: median(rs.map((x) => x.rate)), gatewayUs: median(rs.map((x) => x.gatewayUs)), databaseUs: median(rs.map((x) => x.databaseUs)) }));
  console.log(`\n| apps | mints/s (median of ${rounds}) | CPU per mint, gateway | CPU per mint, database | mints/s vs ${sizes[0]} apps |\n|---|---|---|---|---|`);
  sizes.forEach((apps, i) => {
    const m = medians[i]!;
    console.log(`| ${apps} | ${m.rate} | ${m.gatewayUs} µs | ${m.databaseUs} µs | ${Math.round((m.rate / medians[0]!.rate) * 100)}% |`);
  });
}

exitWhenDone(values.worker ? worker(Number(values.worker)) : main());
