import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './harness/built-server';
import { freshDatabase } from './harness/databases';

// dist/app-gateway (`npm run bundle`), copied to an empty folder outside the repository and run
// with Node alone: no repository node_modules, no npm, no tsx, no NODE_PATH.
const repo = path.resolve(import.meta.dirname, '..', '..');
const bundle = path.join(repo, 'dist', 'app-gateway');

/** Every symlink under dir whose target lies outside `inside`. */
function linksLeaving(dir: string, inside: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      const target = path.resolve(path.dirname(p), readlinkSync(p));
      if (path.relative(inside, target).startsWith('..') || !existsSync(target)) found.push(`${p} -> ${readlinkSync(p)}`);
    } else if (entry.isDirectory()) found.push(...linksLeaving(p, inside));
  }
  return found;
}

describe('the production bundle (dist/app-gateway) on PostgreSQL', () => {
  let tmp = '';
  let app = '';
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess | undefined;
  let out = '';
  let url = '';

  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['cli.mjs', ...args], { cwd: app, env, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(async () => {
    if (!existsSync(path.join(bundle, 'server.mjs')) || !existsSync(path.join(bundle, 'cli.mjs'))) {
      throw new Error('No bundle: dist/app-gateway is missing. Run `npm run bundle` (next build + lib/platform/tasks/bundle.mjs); npm test builds it.');
    }
    tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'agw-bundle-')));
    app = path.join(tmp, 'app-gateway');
    cpSync(bundle, app, { recursive: true, verbatimSymlinks: true });
    db = await freshDatabase('postgres');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // Only what an operator sets: no NODE_PATH, NODE_OPTIONS or npm variables from this process.
    env = {
      PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: db.url!,
      AUTH_SECRET: 'a'.repeat(48),
      APP_TOKEN_KEY_SECRET: 'b'.repeat(48),
      APP_URL: url,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
    };
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      process.kill(-server.pid!, 'SIGTERM');
      await exited;
    }
    await db?.cleanup();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('is self-contained: outside the repository, no node_modules above it, no link leaving it', () => {
    expect(path.relative(repo, app).startsWith('..')).toBe(true);
    for (let dir = path.dirname(app); ; dir = path.dirname(dir)) {
      expect(existsSync(path.join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
      if (dir === path.dirname(dir)) break;
    }
    expect(linksLeaving(app, app)).toEqual([]);
    for (const f of ['server.mjs', 'cli.mjs', 'start.sh', '.next/static', 'db/migrations/meta/_journal.json', 'node_modules/next/package.json', 'node_modules/postgres/package.json']) {
      expect(existsSync(path.join(app, f)), f).toBe(true);
    }
    for (const f of ['pglite.wasm', 'pglite.data', 'initdb.wasm']) {
      expect(lstatSync(path.join(app, 'node_modules/@electric-sql/pglite/dist', f)).size, f).toBeGreaterThan(0);
    }
  });

  it('migrates, seeds and makes an API token with `node cli.mjs`', () => {
    const migrated = cli('migrate');
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain('Migrations applied.');
    const seeded = cli('seed');
    expect(seeded.code, seeded.stderr).toBe(0);
  });

  it('starts with start.sh, answers /healthz, and mints a token that verifies against its own JWKS', { timeout: 180_000 }, async () => {
    const created = cli('api-token', 'create', '--email', 'alice@acme.test', '--org', 'org_acme');
    expect(created.code, created.stderr).toBe(0);
    const apiToken = created.stdout.trim().split('\n').pop()!;
    expect(apiToken).toMatch(/^agw_/);

    const started = performance.now();
    const child = spawn('sh', ['start.sh'], { cwd: app, env, detached: true });
    server = child;
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    let healthy = false;
    while (!healthy && performance.now() - started < 120_000 && child.exitCode === null) {
      healthy = await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false);
      if (!healthy) await new Promise((r) => setTimeout(r, 100));
    }
    expect(healthy, out).toBe(true);
    console.log(`bundle: first healthy /healthz ${Math.round(performance.now() - started)} ms after start.sh`);

    const res = await fetch(`${url}/v1/app-gateway/run_acme_dashboard/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const jwks = createRemoteJWKSet(new URL(`${url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      algorithms: ['ES256'],
      typ: 'app-session+jwt',
      issuer: url,
      audience: 'run_acme_dashboard',
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ sub: 'usr_alice', org_id: 'org_acme', auth_via: 'api_token' });

    // The client assets came along (.next/static): the sign-in page's scripts load.
    const page = await (await fetch(`${url}/signin`)).text();
    const asset = page.match(/\/_next\/static\/[^"'\s]+\.js/)?.[0];
    expect(asset, 'a /_next/static script on /signin').toBeTruthy();
    expect((await fetch(`${url}${asset}`)).status).toBe(200);

    // One JSON log line per request on stdout.
    await new Promise((r) => setTimeout(r, 100));
    const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.event === 'request' && l.status === 200 && l.userId === 'usr_alice')).toMatchObject({ requestId: expect.any(String), durationMs: expect.any(Number) });
  });

  it('the bundled CLI manages keys against the running instance', () => {
    const rotated = cli('keys', 'rotate');
    expect(rotated.code, rotated.stderr).toBe(0);
    const listed = cli('keys', 'list');
    expect(listed.stdout).toMatch(/ next /);
    expect(listed.stdout).toMatch(/ active /);
  });
});
