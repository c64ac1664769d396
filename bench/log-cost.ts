// npx tsx bench/log-cost.ts [-- --lines=20000 --rounds=7] | cat > /dev/null: what the log costs the mint
// path — the `request` line every mint writes (lib/platform/http/route.ts), through lib/platform/log.ts,
// to stdout (here a pipe, as to a log shipper). Per line: µs of this process's CPU (formatting, writing,
// and any deferred flush) with 8 lines per turn of the event loop (8 mints in flight), and µs spent in
// the `log.info` call itself (what the request waits for). Medians of the rounds; results on stderr.
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { median } from './stats';

const { values } = parseArgs({ options: { lines: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '7' } }, strict: true });
const LINES = Number(values.lines);
const ROUNDS = Number(values.rounds);
const IN_FLIGHT = 8;

Object.assign(process.env, { LOG_LEVEL: 'info', AUTH_SECRET: 'bench-auth-secret-'.padEnd(48, 'a'), APP_TOKEN_KEY_SECRET: 'bench-key-secret-'.padEnd(48, 'k'), DATABASE_URL: 'postgres://bench@127.0.0.1:1/unused' });
const { log } = await import('@/lib/platform/log');

// A cookie mint's line, as the route funnel writes it.
const fields = () => ({
  requestId: randomUUID(),
  method: 'POST',
  route: '/v1/app-gateway/{appId}/session',
  status: 200,
  durationMs: 12.3,
  userId: 'usr_alice',
  orgId: 'org_acme',
  authVia: 'session',
});

async function round(): Promise<{ cpu: number; call: number }> {
  const cpu0 = process.cpuUsage();
  let inCall = 0n;
  for (let i = 0; i < LINES; i++) {
    const f = fields();
    const t = process.hrtime.bigint();
    log.info('request', f);
    inCall += process.hrtime.bigint() - t;
    if (i % IN_FLIGHT === IN_FLIGHT - 1) await nextTurn();
  }
  await nextTurn(); // a deferred flush, if any, happens here
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / LINES, call: Number(inCall) / 1000 / LINES };
}

await round(); // warm-up
const rounds = [];
for (let r = 0; r < ROUNDS; r++) rounds.push(await round());
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
process.stderr.write(
  `log.info('request', …) × ${LINES}, ${IN_FLIGHT} per turn, ${ROUNDS} rounds\n` +
    `  CPU µs per line:       median ${median(rounds.map((r) => r.cpu)).toFixed(2)}  (${fmt(rounds.map((r) => r.cpu))})\n` +
    `  µs in the call:        median ${median(rounds.map((r) => r.call)).toFixed(2)}  (${fmt(rounds.map((r) => r.call))})\n`,
);
