import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, freePort, startBuiltServer } from './harness/built-server';
import { cli } from './harness/cli';
import { freshDatabase } from './harness/databases';

// `npm start` as a newcomer and an operator run it: only PORT set, a foreign host, a client that
// sends its own X-Forwarded-For, a proxy in front.
const secrets = { AUTH_SECRET: 'a'.repeat(48), APP_TOKEN_KEY_SECRET: 'b'.repeat(48) };
type Server = Awaited<ReturnType<typeof startBuiltServer>>;

/** What an operator would read as a warning: JSON lines at level warn or above, Next.js's ⚠ lines, any "warn". */
function warnings(output: string): string[] {
  return output.split('\n').filter((line) => {
    if (!line.startsWith('{')) return /⚠|\bwarn/i.test(line);
    const level = (JSON.parse(line) as { level?: string }).level;
    return level === 'warn' || level === 'error';
  });
}

const events = (output: string) => output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('npm start on PostgreSQL, configured as a newcomer would', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let sql: ReturnType<typeof postgres>;
  let env: Record<string, string>;
  let token = '';

  beforeAll(async () => {
    assertBuilt();
    db = await freshDatabase('postgres', { migrated: false }); // as a newcomer's: `migrate` makes the tables
    env = { DATABASE_URL: db.url!, PGLITE_DIR: path.join(db.dir, 'unused'), ...secrets, APP_URL: '', HOSTNAME: '', TRUSTED_PROXY_COUNT: '' };
    for (const args of [['migrate'], ['seed']]) expect((await cli(args, env)).code).toBe(0);
    token = (await cli(['api-token', 'create', '--email', 'alice@acme.test', '--org', 'org_acme'], env)).stdout.trim().split('\n').pop()!;
    sql = postgres(db.url!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end();
    await db?.cleanup();
  });

  /** Mints with alice's API token and returns the audited address of that mint. */
  async function auditedIp(url: string, forwardedFor: string): Promise<string | null> {
    const userAgent = `first-run-${Math.random()}`;
    const res = await fetch(`${url}/v1/app-gateway/run_acme_dashboard/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': forwardedFor, 'user-agent': userAgent },
    });
    expect(res.status).toBe(200);
    const [row] = await sql`select ip from audit_events where user_agent = ${userAgent}`;
    return row!.ip as string | null;
  }

  describe('with only PORT set', () => {
    let server: Server;
    let port = 0;
    beforeAll(async () => {
      port = await freePort();
      server = await startBuiltServer(env, port);
    }, 120_000);
    afterAll(async () => server?.stop());

    it('names the port it serves everywhere: discovery, the token issuer, the ready line', async () => {
      expect(server.child.exitCode, server.output()).toBeNull();
      const origin = `http://localhost:${port}`;
      const discovery = (await (await fetch(`${origin}/.well-known/app-gateway`)).json()) as Record<string, string>;
      expect(discovery).toMatchObject({ issuer: origin, jwks_uri: `${origin}/.well-known/jwks.json`, session_endpoint: expect.stringContaining(origin) });
      expect(events(server.output()).find((e) => e.event === 'gateway_ready')).toMatchObject({ url: origin, appUrl: origin });
    });

    it('runs on Node 24 or newer, through `npm start`, whatever node the machine has', () => {
      const ready = events(server.output()).find((e) => e.event === 'gateway_ready') as { node?: string } | undefined;
      expect(Number(ready?.node?.replace(/^v/, '').split('.')[0])).toBeGreaterThanOrEqual(24);
    });

    it('starts without a single warning (no Next.js notice about `next start` and standalone output)', () => {
      expect(warnings(server.output())).toEqual([]);
      expect(server.output()).not.toMatch(/standalone/i);
    });

    it('answers a page opened at another host with a page naming APP_URL and that host; the API answers there as before', async () => {
      const foreign = `http://127.0.0.1:${port}`;
      const page = await fetch(`${foreign}/apps/run_acme_dashboard`, { redirect: 'manual' });
      expect(page.status).toBe(421);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain(`http://localhost:${port}`);
      expect(html).toContain(`127.0.0.1:${port}`);
      expect(html).toContain(`http://localhost:${port}/apps/run_acme_dashboard`);

      expect((await fetch(`${foreign}/healthz`)).status).toBe(200);
      expect(((await (await fetch(`${foreign}/.well-known/app-gateway`)).json()) as { issuer: string }).issuer).toBe(`http://localhost:${port}`);
      expect(await auditedIp(foreign, '203.0.113.1')).toBe('127.0.0.1');
      // At APP_URL's host, pages answer as always.
      expect((await fetch(`http://localhost:${port}/signin`)).status).toBe(200);
    });

    it('audits the socket’s address, never an X-Forwarded-For the client sent', async () => {
      expect(await auditedIp(`http://127.0.0.1:${port}`, '203.0.113.77')).toBe('127.0.0.1');
      expect(await auditedIp(`http://127.0.0.1:${port}`, '203.0.113.77, 198.51.100.23')).toBe('127.0.0.1');
    });
  });

  it('behind one trusted proxy (TRUSTED_PROXY_COUNT=1), audits the right-most X-Forwarded-For entry', { timeout: 120_000 }, async () => {
    const server = await startBuiltServer({ ...env, TRUSTED_PROXY_COUNT: '1' });
    try {
      expect(await auditedIp(server.url, '203.0.113.77, 198.51.100.23')).toBe('198.51.100.23');
      expect(await auditedIp(server.url, '198.51.100.24')).toBe('198.51.100.24');
    } finally {
      await server.stop();
    }
  });

  it('warns at start when APP_URL names another port and no proxy is configured', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const server = await startBuiltServer({ ...env, APP_URL: `http://localhost:${port + 1}` }, port);
    try {
      expect(events(server.output()).find((e) => e.event === 'app_url_port_mismatch')).toMatchObject({
        level: 'warn',
        message: expect.stringContaining(`the server listens on PORT ${port}`),
      });
      expect(events(server.output()).find((e) => e.event === 'gateway_ready')).toMatchObject({ url: `http://localhost:${port}`, appUrl: `http://localhost:${port + 1}` });
    } finally {
      await server.stop();
    }
  });
});
