import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, freePort } from './harness/built-server';
import { cli } from './harness/cli';
import { GatewayClient } from './harness/client';
import { freshDatabase } from './harness/databases';
import { startWebhookReceiver, type WebhookReceiver } from './harness/webhook-receiver';

const secrets = { AUTH_SECRET: 'a'.repeat(48), APP_TOKEN_KEY_SECRET: 'b'.repeat(48) };

/**
 * The production server's node process itself (not `npm start`, which exits on the signal on its
 * own): on SIGTERM it stops its background jobs (the webhook thread on PostgreSQL, every job in the
 * server's own thread on the embedded database) and closes the database (`gateway_stopped`), then
 * exits because nothing is left running — not by its 10 s deadline, which would log
 * `shutdown_timeout` and what held it.
 */
async function runUntilSigterm(env: Record<string, string>, work: (url: string) => Promise<void>) {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ['.next/app-gateway-server.mjs'], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), APP_URL: url, ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let i = 0; i < 480 && child.exitCode === null; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await work(url);
  child.kill('SIGTERM');
  return { code: await exited, output: out };
}

describe('the production server on SIGTERM', () => {
  beforeAll(() => assertBuilt());

  it('on the embedded database: stops its jobs, closes the database and exits 143 on its own', { timeout: 180_000 }, async () => {
    const db = await freshDatabase('pglite');
    try {
      const env = { PGLITE_DIR: path.join(db.dir, 'pglite'), AUTH_CREDENTIALS: 'true' };
      const { code, output } = await runUntilSigterm(env, async (url) => {
        const cookie = await new GatewayClient(url, url).signIn('alice@acme.test');
        expect((await new GatewayClient(url, url).mint('run_acme_dashboard', { cookie })).status).toBe(200);
      });
      expect(output).toContain('"gateway_ready"');
      expect(output).toContain('"gateway_stopped"');
      expect(output).not.toContain('shutdown_timeout');
      expect(code).toBe(143);
    } finally {
      await db.cleanup();
    }
  });

  describe('on PostgreSQL, webhooks delivered from their thread', () => {
    let db: Awaited<ReturnType<typeof freshDatabase>>;
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      db = await freshDatabase('postgres');
      receiver = await startWebhookReceiver();
    });
    afterAll(async () => {
      await receiver?.close();
      await db?.cleanup();
    });

    it('stops the thread, closes the database and exits 143 on its own', { timeout: 180_000 }, async () => {
      const env = { DATABASE_URL: db.url!, PGLITE_DIR: path.join(db.dir, 'unused'), ...secrets, WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' };
      for (const args of [['migrate'], ['seed'], ['webhook', 'add', '--org', 'org_acme', '--url', receiver.url()]]) {
        const r = await cli(args, env);
        expect(r.code, r.stderr).toBe(0);
      }
      const token = (await cli(['api-token', 'create', '--email', 'alice@acme.test', '--org', 'org_acme'], env)).stdout.trim().split('\n').pop()!;
      const { code, output } = await runUntilSigterm(env, async (url) => {
        expect((await new GatewayClient(url, url).mint('run_acme_dashboard', { bearer: token })).status).toBe(200);
        // The thread is running: it delivers the mint's audit event.
        for (let i = 0; i < 200 && receiver.state.received.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
        expect(receiver.state.received).toHaveLength(1);
      });
      expect(output).toContain('"gateway_stopped"');
      expect(output).not.toContain('shutdown_timeout');
      expect(code).toBe(143);
    });
  });
});
