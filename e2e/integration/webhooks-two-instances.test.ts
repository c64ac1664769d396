import path from 'node:path';
import { decodeJwt } from 'jose';
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, startBuiltServer } from './harness/built-server';
import { cli } from './harness/cli';
import { freshDatabase } from './harness/databases';
import { startWebhookReceiver, type WebhookReceiver } from './harness/webhook-receiver';

type Server = Awaited<ReturnType<typeof startBuiltServer>>;
const ENDPOINTS = ['/siem', '/archive'];

/** Two gateway processes delivering audit webhooks from one PostgreSQL database. */
describe('audit webhooks from two gateway processes on one PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let sql: postgres.Sql;
  let env: Record<string, string>;
  let servers: Server[] = [];
  let receiver: WebhookReceiver;
  const secrets = new Map<string, string>();
  let token = '';
  let firstEventId = '0';
  /** The jtis each sequential client minted, in the order it minted them. */
  const clients: string[][] = [];

  const startTwo = async () => (servers = await Promise.all([startBuiltServer(env), startBuiltServer(env)]));
  const auditIds = async () =>
    (await sql<{ id: string }[]>`select id::text as id from audit_events where org_id = 'org_acme' and id > ${firstEventId}::bigint order by id`).map((r) => r.id);

  /** `count` mints one after the other, alternating between the two gateways: a client whose order is known. */
  async function mintInSequence(count: number) {
    const jtis: string[] = [];
    clients.push(jtis);
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${servers[i % 2]!.url}/v1/app-gateway/run_acme_dashboard/session`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      jtis.push(decodeJwt(((await res.json()) as { token: string }).token).jti!);
    }
  }

  /** Waits (bounded) until every endpoint has accepted every audit event of the org. */
  async function drained(): Promise<string[]> {
    const deadline = Date.now() + 60_000;
    let ids = await auditIds();
    while (Date.now() < deadline && !ENDPOINTS.every((p) => receiver.eventIds(p).length >= ids.length)) {
      await new Promise((r) => setTimeout(r, 250));
      ids = await auditIds();
    }
    return ids;
  }

  /** Every event of the org at every endpoint, signed; each client's events in the order it made them; never two requests for one event at once. */
  function expectDeliveredInOrder(ids: string[]) {
    for (const p of ENDPOINTS) {
      const arrived = receiver.eventIds(p);
      expect([...arrived].sort(), p).toEqual([...ids].sort());
      const jtiOf = new Map(receiver.state.received.filter((r) => r.path === p).map((r) => [r.eventId, r.jti]));
      const jtiOrder = arrived.map((id) => jtiOf.get(id));
      for (const jtis of clients) expect(jtiOrder.filter((j) => jtis.includes(j!)), p).toEqual(jtis);
      const verifier = new Webhook(secrets.get(p)!);
      for (const r of receiver.state.received.filter((x) => x.path === p)) expect(() => verifier.verify(r.body, r.headers)).not.toThrow();
    }
    expect(receiver.state.overlaps).toEqual([]);
    expect(receiver.state.maxInFlight).toBe(1);
  }

  beforeAll(async () => {
    assertBuilt();
    db = await freshDatabase('postgres');
    sql = postgres(db.url!, { max: 2, onnotice: () => {} });
    receiver = await startWebhookReceiver();
    env = {
      DATABASE_URL: db.url!,
      PGLITE_DIR: path.join(db.dir, 'unused'),
      AUTH_SECRET: 's'.repeat(48),
      APP_TOKEN_KEY_SECRET: 'k'.repeat(48),
      RATE_LIMIT_MINTS_PER_MINUTE: '0',
      // The gateways run as in production: the loopback receiver must be allowed explicitly.
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      LOG_LEVEL: 'error',
    };
    expect((await cli(['seed'], env)).code).toBe(0);
    token = (await cli(['api-token', 'create', '--email', 'alice@acme.test', '--org', 'org_acme'], env)).stdout.trim().split('\n').pop()!;
    for (const p of ENDPOINTS) {
      const added = await cli(['webhook', 'add', '--org', 'org_acme', '--url', receiver.url(p)], env);
      expect(added.code, added.stderr).toBe(0);
      secrets.set(p, added.stdout.trim().split('\n').pop()!);
    }
    firstEventId = (await sql<{ id: string }[]>`select coalesce(max(id), 0)::text as id from audit_events`)[0]!.id;
    receiver.state.delayMs = 2; // a receiver that takes a moment widens any window two deliverers could share
    await startTwo();
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await receiver?.close();
    await sql?.end();
    await db?.cleanup();
  });

  it('both poll one outbox while minting; every event reaches every endpoint once, in order, never two requests for one event at once', async () => {
    // Either gateway may hold both endpoints' leases at a time (a deliverer claims up to 16 endpoints at
    // once), so which one delivers is not fixed; what two deliverers must never do is checked below.
    await Promise.all(Array.from({ length: 4 }, () => mintInSequence(40)));
    const ids = await drained();
    expect(ids).toHaveLength(160);
    expectDeliveredInOrder(ids);
    // Nothing failed, so nothing was sent twice: each endpoint accepted each event exactly once.
    for (const p of ENDPOINTS) expect(receiver.state.received.filter((r) => r.path === p)).toHaveLength(ids.length);
  }, 120_000);

  it('both gateways killed (SIGKILL) while the receiver holds a delivery open, then restarted: nothing is lost', async () => {
    receiver.state.mode = 'hold';
    const held = receiver.nextHeld();
    await mintInSequence(10);
    await held;
    await Promise.all(
      servers.map(async (s) => {
        const exited = new Promise((r) => s.child.once('exit', r));
        process.kill(-s.child.pid!, 'SIGKILL');
        await exited;
      }),
    );
    receiver.state.mode = 'up';
    // The killed processes' leases (60 s) would run out on their own; this is that minute passing.
    await sql`update webhook_endpoints set lease_until = now() where lease_until > now()`;
    await startTwo();
    const ids = await drained();
    expect(ids).toHaveLength(170);
    expectDeliveredInOrder(ids);
    const listed = (await cli(['webhook', 'list', '--org', 'org_acme'], env)).stdout.trim().split('\n');
    expect(listed).toHaveLength(2);
    for (const line of listed) expect(line).toContain('pending 0');
  }, 120_000);

  it('both gateways stopped (SIGTERM) mid-delivery record what they sent and release their leases: restarted, they deliver the rest at once, nothing twice', async () => {
    receiver.state.delayMs = 300; // a slow receiver: the stop lands while events are being sent
    const before = receiver.state.requests;
    await mintInSequence(10);
    const deadline = Date.now() + 30_000;
    while (receiver.state.requests === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(receiver.state.requests).toBeGreaterThan(before);
    await Promise.all(servers.map((s) => s.stop()));
    // No lease left to run out (60 s): within the server's shutdown (at most 10 s; `npm start` may exit
    // before its node process), the next instance can deliver.
    const held = () => sql`select id from webhook_endpoints where lease_owner is not null`;
    const until = Date.now() + 12_000;
    while ((await held()).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await held()).toEqual([]);
    // What the receiver accepted is recorded as delivered: the outbox holds exactly the rest.
    const ids = await auditIds();
    const [outbox] = await sql<{ n: number }[]>`select count(*)::int as n from webhook_deliveries`;
    const accepted = ENDPOINTS.reduce((sum, p) => sum + receiver.eventIds(p).length, 0);
    expect(outbox!.n).toBe(ids.length * ENDPOINTS.length - accepted);
    receiver.state.delayMs = 2;
    await startTwo();
    expect(await drained()).toHaveLength(180);
    expectDeliveredInOrder(ids);
    for (const p of ENDPOINTS) expect(receiver.state.received.filter((r) => r.path === p)).toHaveLength(ids.length);
  }, 120_000);
});
