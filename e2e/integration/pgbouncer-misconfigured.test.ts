// PgBouncer in transaction pooling mode, configured as a newcomer would: DATABASE_URL pointed at it and
// nothing else. Named prepared statements and the migrations' session lock do not survive there (the
// lock stayed held on a pooled server connection, and the next start waited for it forever): the
// gateway and the CLI detect the pooler once at start and refuse, naming the variable to set.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb } from '@/db/client';
import { resetEnv } from '@/lib/platform/config/env';
import { assertBuilt, startBuiltServer } from './harness/built-server';
import { ADMIN_DATABASE_URL, freshDatabase } from './harness/databases';
import { APP_URL } from './harness/gateway-fixture';
import { PGBOUNCER_BIN, startPgBouncer, type PgBouncer } from './harness/pgbouncer';

// In CI the suite must run (.ci/run installs pgbouncer); elsewhere a missing binary skips it, saying so.
const missing = !PGBOUNCER_BIN && !process.env.CI;
if (missing) console.warn('pgbouncer-misconfigured.test.ts skipped: pgbouncer is not installed (apt-get install -y pgbouncer).');

class ExitCalled extends Error {
  constructor(readonly code: number | undefined) {
    super(`process.exit(${code})`);
  }
}

/** Runs the gateway's start in this process: how it exits (null: it started) and what it wrote to stderr. */
async function gatewayStart(): Promise<{ exitCode: number | null; stderr: string }> {
  const stderr: string[] = [];
  const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    throw new ExitCalled(code);
  }) as typeof process.exit);
  const write = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write);
  try {
    await closeDb();
    resetEnv();
    const { startGateway } = await import('@/lib/platform/startup');
    await startGateway();
    return { exitCode: null, stderr: stderr.join('') };
  } catch (error) {
    if (error instanceof ExitCalled) return { exitCode: error.code ?? 0, stderr: stderr.join('') };
    throw error;
  } finally {
    exit.mockRestore();
    write.mockRestore();
  }
}

/** `npm run cli -- <args>` as an operator runs it; a CLI that blocks is stopped after a minute. */
function cli(args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, blocked: r.signal !== null };
}

describe.skipIf(missing)('PgBouncer 1.18 in transaction pooling mode without DATABASE_PGBOUNCER', () => {
  let bouncer: PgBouncer;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let direct = '';
  let pooled = '';

  beforeAll(async () => {
    database = await freshDatabase('postgres');
    bouncer = await startPgBouncer(new URL(ADMIN_DATABASE_URL));
    direct = database.url!;
    pooled = bouncer.url(new URL(direct).pathname.slice(1));
    Object.assign(process.env, { APP_URL, LOG_LEVEL: 'error', AUTH_CREDENTIALS: 'true', DATABASE_URL: pooled, DATABASE_POOL_MAX: '8' });
    delete process.env.DATABASE_PGBOUNCER;
    delete process.env.DATABASE_MIGRATION_URL;
  });

  afterAll(async () => {
    await closeDb();
    await bouncer?.stop();
    await database?.cleanup();
  });

  it('the gateway refuses to start, naming DATABASE_PGBOUNCER', async () => {
    const { exitCode, stderr } = await gatewayStart();
    expect(exitCode).toBe(1);
    expect(stderr).toContain('DATABASE_PGBOUNCER');
    expect(stderr).toMatch(/DATABASE_URL leads to a pooler in transaction mode/);
    expect(stderr).toContain('Set DATABASE_PGBOUNCER=true');
  });

  it('a CLI command refuses at once with the same message, and never blocks', () => {
    for (let run = 0; run < 3; run++) {
      const r = cli(['webhook', 'list', '--org', 'org_acme'], { DATABASE_URL: pooled });
      expect(r.blocked, `run ${run} blocked`).toBe(false);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stderr).toContain('Set DATABASE_PGBOUNCER=true');
    }
  });

  it('with DATABASE_PGBOUNCER=true, a DATABASE_MIGRATION_URL through the same pooler is refused, naming it', async () => {
    const r = cli(['migrate'], { DATABASE_URL: pooled, DATABASE_PGBOUNCER: 'true', DATABASE_MIGRATION_URL: pooled });
    expect(r.blocked).toBe(false);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stderr).toMatch(/DATABASE_MIGRATION_URL: leads to a pooler in transaction mode/);
  });

  it('npm start (the production build) exits with the message instead of serving requests that hang (needs the build)', { timeout: 150_000 }, async () => {
    assertBuilt();
    const server = await startBuiltServer({ DATABASE_URL: pooled, PGLITE_DIR: path.join(database.dir, 'unused'), AUTH_SECRET: 'a'.repeat(48), APP_TOKEN_KEY_SECRET: 'b'.repeat(48) });
    try {
      expect(server.child.exitCode, server.output()).toBe(1);
      expect(server.output()).toContain('Set DATABASE_PGBOUNCER=true');
    } finally {
      await server.stop();
    }
  });
});
