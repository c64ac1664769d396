// npm run bench:domain [-- --seconds=5 --rounds=3 --callers=8 --webhook --cookie --by=email|group --compare]: the mint's domain path alone
// (the one statement + signing, no HTTP), on a fresh PostgreSQL database with the demo world; API token,
// rate limit off; with --cookie the caller is a session cookie instead (one real sign-in through Auth.js's
// route, then each mint authenticates the cookie as the endpoint does: authenticateCaller, then the mint); with --webhook the org has an audit webhook, so every mint also writes an outbox row
// (delivery stays off during the rounds; afterwards the backlog is delivered to a receiver in another
// process and the CPU per delivered event is printed: the gateway's, the database's). Prints mints/s per round and, where pg_stat_statements is loaded, the database's own time
// per mint statement. With --by the caller is a member (Carol, not an admin) and the app's rule is
// `members`, listing her by email or through a group (SPEC §18): the rule's slowest paths. With
// --compare each round runs three mints one after another: the member's (above), Carol's on an app
// whose rule (`admins`) leaves her out but a live app grant admits (SPEC §16), and a guest's through
// a share link (mintGuestToken, SPEC §15); then their medians side by side. Used to attribute a
// change's cost to the mint (bench/results.md).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { closedLoop, closedLoopFlags } from './closed-loop';
import { signedInCookie, startDemoWorld } from './demo-world';
import { median } from './stats';
import { exitWhenDone } from './exit-when-done';

const { values } = parseArgs({
  options: { ...closedLoopFlags({ seconds: '5', rounds: '3' }), webhook: { type: 'boolean', default: false }, cookie: { type: 'boolean', default: false }, by: { type: 'string' }, compare: { type: 'boolean', default: false } },
  strict: true,
});
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const CALLERS = Number(values.callers);

/** A webhook receiver in a process of its own (its CPU is not the gateway's): answers 204 to everything. */
async function startReceiver(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', `const s = require('node:http').createServer((q, r) => { q.resume(); q.on('end', () => r.writeHead(204).end()); });
    s.listen(0, '127.0.0.1', () => console.log(s.address().port));`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [port] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: `http://127.0.0.1:${String(port).trim()}/audit`, stop: () => child.kill() };
}

async function main() {
  const world = await startDemoWorld('agw_domain', {
    DATABASE_POOL_MAX: String(CALLERS),
    LOG_LEVEL: 'error',
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  });
  try {
    const { createApiToken } = await import('@/lib/auth/api-tokens/api-tokens');
    const { hashApiToken } = await import('@/lib/auth/api-tokens/api-token-secret');
    const { mint: mintUseCase } = await import('@/lib/gateway/mint/mint');
    const { authenticateCaller } = await import('@/lib/auth/caller');
    const receiver = values.webhook ? await startReceiver() : null;
    const added = receiver ? await (await import('@/lib/gateway/webhooks/endpoints')).addWebhook({ orgId: 'org_acme', url: receiver.url }) : null;
    if (added && !added.ok) throw new Error(`webhook refused: ${added.detail}`);
    const { token } = await createApiToken({ userId: values.by ? 'usr_carol' : 'usr_alice', orgId: 'org_acme' });
    if (values.by) await restrictToCarol(values.by);
    const apiCaller = { ok: true as const, caller: { kind: 'api_token' as const, tokenHash: hashApiToken(token) } };
    const cookie = values.cookie ? await signedInCookie('alice@acme.test') : null;
    // One request, built once: its headers are all authenticateCaller reads.
    const request = cookie ? new Request(`${process.env.APP_URL}/v1/app-gateway/run_acme_dashboard/session`, { method: 'POST', headers: { cookie, origin: process.env.APP_URL! } }) : null;
    const mint = async () => {
      const caller = request ? await authenticateCaller(request) : apiCaller;
      const out = await mintUseCase({ appId: 'run_acme_dashboard', body: { ok: true, json: {} }, caller, ip: '127.0.0.1', userAgent: 'bench' });
      if (!out.ok) throw new Error(`mint refused: ${out.code}`);
    };
    const paths: [string, () => Promise<void>][] = [['member', mint]];
    if (values.compare) {
      const { dashboardGuestSecret, grantCarolOnboarding } = await import('./mint-paths');
      const { mintGuestToken } = await import('@/lib/gateway/sharing/guest-mint');
      const granted = await grantCarolOnboarding();
      const carol = { ok: true as const, caller: { kind: 'api_token' as const, tokenHash: hashApiToken((await createApiToken({ userId: 'usr_carol', orgId: 'org_acme' })).token) } };
      const cookieSecret = await dashboardGuestSecret();
      paths.push(['grant', async () => {
        const out = await mintUseCase({ appId: granted, body: { ok: true, json: {} }, caller: carol, ip: '127.0.0.1', userAgent: 'bench' });
        if (!out.ok) throw new Error(`grant mint refused: ${out.code}`);
      }]);
      paths.push(['guest', async () => {
        const out = await mintGuestToken({ appId: 'run_acme_dashboard', cookieSecret, ip: '127.0.0.1', userAgent: 'bench' });
        if (!out.ok) throw new Error(`guest mint refused: ${out.code}`);
      }]);
    }
    // warm-up: connections, prepared statements, JIT of the signer
    for (const [, m] of paths) for (let i = 0; i < 500; i++) await m();
    const stats = postgres(world.databaseUrl, { max: 1, onnotice: () => {} });
    // Only where the server preloads it (shared_preload_libraries); the bench runs without it too.
    // (The extension can exist in the database without being loaded: then its functions fail.)
    const hasPgss = await stats`create extension if not exists pg_stat_statements`.then(() => stats`select pg_stat_statements_reset()`).then(() => true, () => false);
    // CPU time, not wall time: per mint, the gateway process's and the database backends' (from /proc,
    // where the database runs on this machine), so a busy machine changes the rate more than these.
    const backendCpuMs = async () => {
      let ticks = 0;
      for (const { pid } of await stats`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`) {
        try {
          const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
          ticks += Number(f[11]) + Number(f[12]);
        } catch {
          return NaN;
        }
      }
      return ticks * 10; // 100 Hz clock ticks
    };
    const rates: number[] = [];
    const gatewayUs: number[] = [];
    const databaseUs: number[] = [];
    const byPath = new Map(paths.slice(1).map(([name]) => [name, { rates: [] as number[], gatewayUs: [] as number[], databaseUs: [] as number[] }]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, m] of paths.slice(1)) {
        const db0 = await backendCpuMs();
        const { n, cpuUs } = await closedLoop(CALLERS, SECONDS * 1000, m);
        const into = byPath.get(name)!;
        into.rates.push(Math.round(n / SECONDS));
        into.gatewayUs.push(Math.round(cpuUs / n));
        into.databaseUs.push(Math.round((((await backendCpuMs()) - db0) * 1000) / n));
        console.log(`round ${r + 1} ${name}: ${into.rates[r]} mints/s, CPU per mint: gateway ${into.gatewayUs[r]} µs, database ${into.databaseUs[r]} µs`);
      }
      if (hasPgss) await stats`select pg_stat_statements_reset()`;
      const db0 = await backendCpuMs();
      const { n, cpuUs } = await closedLoop(CALLERS, SECONDS * 1000, mint);
      rates.push(Math.round(n / SECONDS));
      gatewayUs.push(Math.round(cpuUs / n));
      databaseUs.push(Math.round((((await backendCpuMs()) - db0) * 1000) / n));
      let dbMs = '';
      if (hasPgss) {
        const [row] = await stats`select sum(calls)::int as calls, sum(total_exec_time) / nullif(sum(calls), 0) as mean
          from pg_stat_statements where query like '%insert into audit_events%' and dbid = (select oid from pg_database where datname = current_database())`;
        dbMs = `, database ${Number(row?.mean ?? 0).toFixed(3)} ms per mint statement (${row?.calls} calls)`;
      }
      console.log(`round ${r + 1}: ${rates[r]} mints/s, CPU per mint: gateway ${gatewayUs[r]} µs, database ${databaseUs[r]} µs${dbMs}`);
    }
    console.log(`median of ${ROUNDS} rounds (${CALLERS} callers, ${SECONDS} s each, ${cookie ? "session cookie" : "API token"}): ${median(rates)} mints/s, CPU per mint gateway ${median(gatewayUs)} µs, database ${median(databaseUs)} µs`);
    const memberCpu = median(gatewayUs) + median(databaseUs);
    for (const [name, p] of byPath) {
      const cpu = median(p.gatewayUs) + median(p.databaseUs);
      console.log(`median ${name}: ${median(p.rates)} mints/s (${(median(p.rates) / median(rates)).toFixed(2)}× the member's), CPU per mint gateway ${median(p.gatewayUs)} µs, database ${median(p.databaseUs)} µs: the member's CPU is ${(memberCpu / cpu).toFixed(2)}× this`);
    }
    if (receiver) {
      const { deliverDueWebhooks } = await import('@/lib/gateway/webhooks/deliver');
      const cpu0 = process.cpuUsage();
      const db0 = await backendCpuMs();
      const started = performance.now();
      let delivered = 0;
      for (let n = -1; n !== 0; delivered += n) n = await deliverDueWebhooks();
      const cpu = process.cpuUsage(cpu0);
      console.log(`webhook delivery of the backlog: ${delivered} events in ${((performance.now() - started) / 1000).toFixed(1)} s, CPU per event: gateway ${Math.round((cpu.user + cpu.system) / delivered)} µs, database ${Math.round((((await backendCpuMs()) - db0) * 1000) / delivered)} µs (receiver: another process)`);
      receiver.stop();
    }
    await stats.end();
  } finally {
    await world.end();
  }
}

/** The dashboard's rule becomes `members`, listing Carol by email, or a group of hers among 20 others' (SPEC §18). */
async function restrictToCarol(by: string) {
  const { setAppAccessRule } = await import('@/lib/gateway/access/app-access');
  const { OPERATOR } = await import('@/lib/gateway/audit/actor');
  const groupIds: string[] = [];
  if (by === 'group') {
    const { createGroup } = await import('@/lib/gateway/groups/groups');
    const { addGroupMembers } = await import('@/lib/gateway/groups/group-members');
    for (let i = 0; i < 20; i++) {
      const made = await createGroup({ orgId: 'org_acme', via: 'console', actor: OPERATOR, displayName: `Team ${i}` });
      if (!made.ok) throw new Error(made.detail);
      groupIds.push(made.group.id);
    }
    const added = await addGroupMembers({ orgId: 'org_acme', via: 'console', actor: OPERATOR, groupId: groupIds[19]!, userIds: ['usr_carol'] });
    if (!added.ok) throw new Error(added.detail);
  } else if (by !== 'email') throw new Error('--by is email or group');
  const set = await setAppAccessRule({ orgId: 'org_acme', appId: 'run_acme_dashboard', rule: 'members', memberIds: by === 'email' ? ['usr_carol'] : [], groupIds, actor: OPERATOR });
  if (!set.ok) throw new Error(`rule refused: ${set.reason}`);
}

exitWhenDone(main());
