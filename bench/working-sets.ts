// npm run bench:working-sets -- [apps]: the gateway's largest legitimate working sets,
// one at a time, on PostgreSQL with one org of `apps` apps (default 5,000) and 100,000 audit rows
// (the CSV export's limit): the audit CSV export, the management API's list paged through to its end,
// the API reference page, the viewer's home page and the console's apps page (these three rendered
// every app of the org until they were bounded: 500 apps, 500, and 100 a page), then each again 8 at once. The server is `npm
// start`'s, heap limits included, with bench/heap-after-gc.mjs: each set's peak is the largest heap a
// full collection left (what the set kept alive) and the process's RSS; a set that outgrows the limit
// ends the server (status 0 from then on). To measure without the limit, edit `npm start`'s flags.
// What a heap cap for production is chosen from (docs/deployment.md, "Node's memory flags").
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { startBuiltServer } from '../e2e/integration/harness/built-server';
import { cli } from '../e2e/integration/harness/cli';
import { GatewayClient } from '../e2e/integration/harness/client';
import { freshDatabase } from '../e2e/integration/harness/databases';
import { rssTracker } from '../e2e/load/proxy-stretch';
import { serverPid } from '../e2e/load/server-pid';

const apps = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5_000);
const AUDIT_ROWS = 100_000;
const ORG = 'org_acme';

type AfterGc = { pid: number; thread: number; usedMb: string; heapMb: string; rssMb: string };
/** The server's main thread's lines of the heap log (bench/heap-after-gc.mjs) from line `from` on. */
function fullCollections(log: string, pid: number, from = 0): AfterGc[] {
  let text = '';
  try {
    text = readFileSync(log, 'utf8');
  } catch {
    /* no collection yet */
  }
  return text.split('\n').filter(Boolean).slice(from).map((l) => JSON.parse(l) as AfterGc).filter((l) => l.pid === pid && l.thread === 0);
}
const lines = (log: string) => { try { return readFileSync(log, 'utf8').split('\n').filter(Boolean).length; } catch { return 0; } };

const db = await freshDatabase('postgres');
const env = { DATABASE_URL: db.url!, PGLITE_DIR: path.join(db.dir, 'unused'), AUTH_SECRET: 's'.repeat(48), APP_TOKEN_KEY_SECRET: 'k'.repeat(48), LOG_LEVEL: 'warn', AUTH_CREDENTIALS: 'true' };
const sql = postgres(db.url!, { max: 1, onnotice: () => {} });
try {
  const seeded = await cli(['seed'], env);
  if (seeded.code !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
  console.log(`Seeding ${apps} apps and ${AUDIT_ROWS} audit rows into ${ORG}…`);
  // In statements of 5,000: each new id takes an advisory lock (the ids-apart trigger), held to the commit.
  for (let from = 0; from < apps; from += 5000) {
    await sql.unsafe(`insert into runs (id, org_id, workflow_id, title, access, artifact_url, artifact_origin)
      select 'run_ws_' || i, '${ORG}', 'wf_acme_reports', 'Working-set app ' || i, 'login_required', 'http://ws-' || i || '.apps.localhost:3100/', 'http://ws-' || i || '.apps.localhost:3100'
      from generate_series(${from}, ${Math.min(apps, from + 5000) - 1}) i`);
  }
  await sql.unsafe(`insert into audit_events (at, result, code, user_id, auth_via, app_id, org_id, workflow_id, jti, ip, user_agent)
    select now() - i * interval '1 second', 'minted', 'minted', 'usr_alice', 'api_token', 'run_ws_' || (i % ${apps}), '${ORG}', 'wf_acme_reports', md5(i::text), '203.0.113.7', 'Mozilla/5.0 (X11; Linux x86_64) working-set'
    from generate_series(0, ${AUDIT_ROWS - 1}) i`);
  await sql.unsafe('vacuum (analyze)');
  const created = await cli(['service-account', 'create', '--org', ORG, '--name', 'Working sets', '--scope', 'apps:read'], env);
  const saToken = created.stdout.trim().split('\n').at(-1) ?? '';
  if (!saToken.startsWith('agw_sa_')) throw new Error(`service-account create failed: ${created.stderr || created.stdout}`);

  const heapLog = path.join(mkdtempSync(path.join(tmpdir(), 'agw-heap-')), 'heap.log');
  writeFileSync(heapLog, '');
  const nodeOptions = `--import=${path.resolve('bench/heap-after-gc.mjs')}`;
  const server = await startBuiltServer({ ...env, NODE_OPTIONS: nodeOptions, HEAP_LOG: heapLog });
  const pid = serverPid(server.child.pid!);
  console.log(`Gateway (NODE_OPTIONS="${nodeOptions}") up at ${server.url}, pid ${pid}`);
  try {
    const client = new GatewayClient(server.url, server.url);
    const cookie = await client.signIn('alice@acme.test');
    const page = { headers: { cookie, 'sec-fetch-site': 'same-origin' } };
    const read = async (p: string, init: RequestInit = page) => {
      const r = await fetch(`${server.url}${p}`, init);
      const bytes = (await r.arrayBuffer()).byteLength;
      return { status: r.status, bytes };
    };
    /** Every page of the org's apps; `bytes`: how many apps were listed. */
    const listAll = async () => {
      let cursor: string | null = null;
      let listed = 0;
      do {
        const r = await fetch(`${server.url}/v1/orgs/${ORG}/apps?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${saToken}` } });
        if (r.status !== 200) return { status: r.status, bytes: listed };
        const body = (await r.json()) as { apps: unknown[]; next_cursor: string | null };
        listed += body.apps.length;
        cursor = body.next_cursor;
      } while (cursor);
      return { status: 200, bytes: listed };
    };
    const sets: [string, () => Promise<{ status: number; bytes: number }>][] = [
      ['GET /admin/audit/export', () => read('/admin/audit/export')],
      [`GET /v1/orgs/${ORG}/apps, every page of 200 (bytes: apps listed)`, listAll],
      ['GET /docs/api', () => read('/docs/api')],
      ["GET / (the viewer's apps)", () => read('/')],
      ['GET /admin/apps', () => read('/admin/apps')],
    ];
    console.log('| working set | at once | status | bytes each | seconds | full GCs | heap used after a full GC, at most (MB) | heap reserved at most (MB) | RSS before / at most (MB) |');
    console.log('|---|---:|---|---:|---:|---:|---:|---:|---|');
    for (const concurrency of [1, 8]) {
      for (const [name, run] of sets) {
        const from = lines(heapLog);
        const rss = rssTracker(pid);
        const started = performance.now();
        // A request the server did not answer (it ran out of heap and exited): status 0.
        const results = await Promise.all(Array.from({ length: concurrency }, () => run().catch(() => ({ status: 0, bytes: 0 }))));
        const seconds = (performance.now() - started) / 1000;
        const memory = rss.stop();
        const gcs = fullCollections(heapLog, pid, from);
        const statuses = [...new Set(results.map((r) => r.status))].join(', ');
        const used = Math.max(0, ...gcs.map((g) => Number(g.usedMb)));
        const reserved = Math.max(0, ...gcs.map((g) => Number(g.heapMb)));
        console.log(`| ${name} | ${concurrency} | ${statuses} | ${results[0]!.bytes} | ${seconds.toFixed(1)} | ${gcs.length} | ${used} | ${reserved} | ${memory.startMb} / ${memory.peakMb} |`);
      }
    }
    const all = fullCollections(heapLog, pid);
    console.log(`Full collections: ${all.length}; heap used after them at most ${Math.max(0, ...all.map((g) => Number(g.usedMb)))} MB. Server exited: ${server.child.exitCode ?? 'no'}`);
  } finally {
    await server.stop();
  }
} finally {
  await sql.end();
  await db.cleanup();
}
