import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, startBuiltServer } from './harness/built-server';
import { cli } from './harness/cli';
import { GatewayClient, type MintInit } from './harness/client';
import { freshDatabase } from './harness/databases';
import { tcpProxy } from './harness/tcp-proxy';

/**
 * Drives the production build through successes, every refusal and a database outage, then greps
 * every response, every log line and every audit row for tokens, secrets, stacks and SQL.
 */
describe('error hygiene', () => {
  const secrets = { AUTH_SECRET: 'S3cr3t-auth-'.padEnd(48, 'x'), APP_TOKEN_KEY_SECRET: 'S3cr3t-keys-'.padEnd(48, 'y') };
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  const responses: string[] = [];
  const secretsSeen: string[] = [secrets.AUTH_SECRET, secrets.APP_TOKEN_KEY_SECRET];

  beforeAll(async () => {
    assertBuilt();
    db = await freshDatabase('postgres');
    const env = { DATABASE_URL: db.url!, PGLITE_DIR: path.join(db.dir, 'unused'), ...secrets };
    expect((await cli(['seed'], env)).code).toBe(0);
    const apiToken = (await cli(['api-token', 'create', '--email', 'alice@acme.test', '--org', 'org_acme'], env)).stdout.trim().split('\n').pop()!;
    secretsSeen.push(apiToken);
    const target = new URL(db.url!);
    proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    target.port = String(proxy.port());
    server = await startBuiltServer({ ...env, DATABASE_URL: target.toString(), AUTH_CREDENTIALS: 'true', LOG_LEVEL: 'debug', DB_TIMEOUT_MS: '1500' });
    const client = new GatewayClient(server.url, server.url);
    const record = async (res: Response) => {
      const text = await res.text();
      responses.push(`${res.status} ${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${text}`);
      const token = /"token":"([^"]+)"/.exec(text)?.[1];
      if (token) secretsSeen.push(token, token.split('.')[2]!);
    };
    const cookie = await client.signIn('alice@acme.test');
    secretsSeen.push(cookie.split('=')[1]!);
    await record(await client.mint('run_acme_dashboard', { cookie }));
    await record(await client.mint('run_acme_dashboard', { bearer: apiToken }));
    const refusals: MintInit[] = [
      {},
      { bearer: `agw_${'B'.repeat(43)}` },
      { cookie, headers: { origin: 'https://evil.example' } },
      { bearer: apiToken, body: '{"workflowId":' },
      { bearer: apiToken, body: 'x'.repeat(5000) },
      { bearer: apiToken, headers: { 'content-type': 'text/plain' } },
      { bearer: apiToken, method: 'GET' },
    ];
    for (const init of refusals) await record(await client.mint('run_acme_dashboard', init));
    await record(await client.mint('run_globex_tracker', { bearer: apiToken }));
    await record(await client.mint("x' or 1=1 --", { bearer: apiToken }));
    await record(await fetch(`${server.url}/api/auth/callback/credentials`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ email: 'alice@acme.test', password: 'wrong', csrfToken: 'bogus' }) }));
    await proxy.stop();
    await record(await client.mint('run_acme_dashboard', { cookie }));
    await record(await client.mint('run_acme_dashboard', { bearer: apiToken }));
    await record(await fetch(`${server.url}/healthz`));
    await proxy.start();
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await proxy?.stop();
    await db?.cleanup();
  });

  const forbidden = (haystack: string, where: string) => {
    for (const s of secretsSeen) expect(haystack.includes(s), `${where} contains a token or secret`).toBe(false);
    expect(haystack, `${where} contains a stack trace`).not.toMatch(/\n\s+at [\w$.<>]+ ?\(|\.js:\d+:\d+/);
    expect(haystack, `${where} contains SQL`).not.toMatch(/\b(select|insert into|update \w+ set|delete from)\b/i);
    expect(haystack, `${where} contains a driver error`).not.toMatch(/ECONNREFUSED|PostgresError|DrizzleQueryError|Failed query/);
  };

  it('no response holds a token other than the one it minted, a secret, a stack or SQL', () => {
    expect(responses.length).toBeGreaterThan(10);
    for (const r of responses) {
      const others = r.replace(/"token":"[^"]+"/, '"token":"…"');
      forbidden(others, 'a response');
    }
  });

  it('no log line does', () => {
    const logs = server.output();
    expect(logs).toContain('"level"');
    forbidden(logs, 'the log');
  });

  it('no audit row does', async () => {
    const sql = postgres(db.url!, { max: 1, onnotice: () => {} });
    const rows = await sql`select * from audit_events`;
    await sql.end();
    expect(rows.length).toBe(10); // 2 mints + 8 audited refusals (a 405 is not a mint attempt; the outage writes nothing)
    forbidden(JSON.stringify(rows).replace(/"x' or 1=1 --"/g, ''), 'the audit log');
  });
});
