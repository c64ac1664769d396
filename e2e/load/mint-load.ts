import path from 'node:path';
import { decodeJwt } from 'jose';
import postgres from 'postgres';
import { startBuiltServer } from '../integration/harness/built-server';
import { cli } from '../integration/harness/cli';
import { freshDatabase } from '../integration/harness/databases';
import { LOOPBACK_WEBHOOKS, registerLoadWebhook, tallyWebhooks, type WebhookTally } from './webhook-tally';
import { serverPid } from './server-pid';
import { proxiedLoad, proxySession, proxyWorld, rssTracker, startProxy, stopProxy } from './proxy-stretch';

export type LoadOptions = {
  clients: number;
  mints: number;
  raceLoops: number;
  /** NODE_OPTIONS for the gateway and the artifact proxy only (the load generator keeps its own): diagnostics such as bench/heap-after-gc.mjs. */
  serverNodeOptions?: string;
};
export type LoadReport = {
  requests: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  uniqueJtis: number;
  minted: number;
  auditRows: number;
  auditMinted: number;
  /** Mints whose audit row is missing (0: every request left one). */
  lostAuditRows: number;
  /** Org Acme's audit rows against the events its webhook receiver accepted, signature verified. */
  webhooks: WebhookTally;
  /** The gateway's RSS when the mints start, the most seen while they ran, and when they are done. */
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
  /** The artifact proxy's, serving a proxied app beside the mints (proxy-stretch.ts), and what its requests answered. */
  proxy: { rssStartMb: number; rssPeakMb: number; rssEndMb: number; byStatus: Record<string, number> };
  seconds: number;
  mintsPerSecond: number;
  race: { before: number; afterRevocation: { sent: number; minted: number } };
};

const APPS = ['run_acme_dashboard', 'run_acme_onboarding', 'run_acme_public', 'run_acme_building'];

/**
 * `clients` concurrent clients share `mints` mints against the production build on real
 * PostgreSQL; then a revocation races a minting loop. Every count comes from responses and rows.
 */
export async function runMintLoad(o: LoadOptions, log: (line: string) => void = () => {}): Promise<LoadReport> {
  const db = await freshDatabase('postgres');
  // The proxied app's upstream and the proxy's domain, known before the seed registers run_acme_plain there.
  const world = await proxyWorld();
  const env = { DATABASE_URL: db.url!, PGLITE_DIR: path.join(db.dir, 'unused'), AUTH_SECRET: 's'.repeat(48), APP_TOKEN_KEY_SECRET: 'k'.repeat(48), LOG_LEVEL: 'warn', ...LOOPBACK_WEBHOOKS, ...world.env };
  const sql = postgres(db.url!, { max: 2, onnotice: () => {} });
  try {
    const seeded = await cli(['seed'], env);
    if (seeded.code !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
    // One viewer per client, each with an API token: the per-viewer rate limit applies as in production.
    const tokens: string[] = [];
    // One viewer per client, one for the revocation race, one for the proxied stretch.
    for (let i = 0; i < o.clients + 2; i++) {
      const email = `load${i}@acme.test`;
      await sql`insert into users (id, email, name) values (${`usr_load${i}`}, ${email}, ${`Load ${i}`}) on conflict do nothing`;
      await sql`insert into memberships (user_id, org_id, role) values (${`usr_load${i}`}, 'org_acme', 'member') on conflict do nothing`;
    }
    const { createHash, randomBytes } = await import('node:crypto');
    for (let i = 0; i < o.clients + 2; i++) {
      const token = `agw_${randomBytes(32).toString('base64url')}`;
      const hash = createHash('sha256').update(token).digest('hex');
      await sql`insert into api_tokens (id, user_id, org_id, token_hash, prefix) values (${`tok_load${i}`}, ${`usr_load${i}`}, 'org_acme', ${hash}, ${token.slice(0, 10)})`;
      tokens.push(token);
    }
    const hook = await registerLoadWebhook(env, 'org_acme');
    const nodeOptions: Record<string, string> = o.serverNodeOptions ? { NODE_OPTIONS: o.serverNodeOptions } : {};
    const server = await startBuiltServer({ ...env, ...nodeOptions, DATABASE_POOL_MAX: '20' });
    const pid = serverPid(server.child.pid!);
    const proxy = await startProxy(world, { ...env, ...nodeOptions }, server.url);
    try {
      const url = (appId: string) => `${server.url}/v1/app-gateway/${appId}/session`;
      const byStatus: Record<string, number> = {};
      const jtis = new Set<string>();
      let minted = 0;
      let next = 0;
      const cookie = await proxySession(world, server.url, tokens[o.clients + 1]!);
      const gatewayRss = rssTracker(pid);
      const proxyRss = rssTracker(proxy.pid);
      let minting = true;
      // Beside the mints, a few viewers' pages through the proxy, for as long as the mints run.
      const proxied = proxiedLoad(world, cookie, Math.max(1, Math.round(o.clients / 10)), () => !minting);
      const started = performance.now();
      await Promise.all(
        Array.from({ length: o.clients }, async (_, c) => {
          for (let i = next++; i < o.mints; i = next++) {
            const res = await fetch(url(APPS[i % APPS.length]!), { method: 'POST', headers: { authorization: `Bearer ${tokens[c]}` } });
            byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
            const body = (await res.json()) as { token?: string };
            if (res.status === 200) {
              minted++;
              jtis.add(decodeJwt(body.token!).jti!);
            }
            if (i % 2000 === 0) log(`  ${i}/${o.mints} mints`);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      minting = false;
      const proxiedByStatus = await proxied;
      const gatewayMemory = gatewayRss.stop();
      const proxyMemory = proxyRss.stop();
      // The proxied stretch's viewer minted once, for its proxy session: not one of the load's mints.
      const [counts] = await sql`select count(*)::int as rows, count(*) filter (where result = 'minted')::int as minted from audit_events
        where user_id is distinct from ${`usr_load${o.clients + 1}`}`;

      // A revocation racing a minting loop: nothing sent after the revocation committed may mint.
      const raceToken = tokens[o.clients]!;
      let revokedAt = 0;
      let before = 0;
      const after = { sent: 0, minted: 0 };
      let stop = false;
      const loops = Array.from({ length: o.raceLoops }, async (_, i) => {
        while (!stop) {
          const sentAt = performance.now();
          const res = await fetch(url(APPS[i % APPS.length]!), { method: 'POST', headers: { authorization: `Bearer ${raceToken}` } });
          await res.arrayBuffer();
          if (revokedAt && sentAt > revokedAt) {
            after.sent++;
            if (res.status === 200) after.minted++;
          } else if (res.status === 200) before++;
        }
      });
      await new Promise((r) => setTimeout(r, 300));
      await sql`update api_tokens set revoked_at = now() where id = ${`tok_load${o.clients}`}`;
      revokedAt = performance.now();
      // Until a few mints were sent after the revocation (a fixed 500 ms saw none on a loaded machine), at most 10 s.
      for (const until = revokedAt + 10_000; after.sent < 2 * o.raceLoops && performance.now() < until; ) await new Promise((r) => setTimeout(r, 50));
      stop = true;
      await Promise.all(loops);
      const webhooks = await tallyWebhooks(sql, hook, 'org_acme', log);

      return {
        requests: o.mints,
        byStatus,
        serverErrors: Object.entries(byStatus).filter(([s]) => Number(s) >= 500).reduce((n, [, v]) => n + v, 0),
        uniqueJtis: jtis.size,
        minted,
        auditRows: counts!.rows,
        auditMinted: counts!.minted,
        lostAuditRows: o.mints - counts!.rows,
        webhooks,
        rssStartMb: gatewayMemory.startMb,
        rssPeakMb: gatewayMemory.peakMb,
        rssEndMb: gatewayMemory.endMb,
        proxy: { rssStartMb: proxyMemory.startMb, rssPeakMb: proxyMemory.peakMb, rssEndMb: proxyMemory.endMb, byStatus: proxiedByStatus },
        seconds: Math.round(seconds * 10) / 10,
        mintsPerSecond: Math.round(o.mints / seconds),
        race: { before, afterRevocation: after },
      };
    } finally {
      await stopProxy(proxy.child);
      await server.stop();
      await hook.receiver.close();
    }
  } finally {
    world.upstream.close();
    await sql.end();
    await db.cleanup();
  }
}
