import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './harness/built-server';

// `next dev` (what `npm run dev` starts) opened at another host than APP_URL's: pages move to APP_URL.
describe('the development server at a foreign host', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agw-dev-'));
  let child: ChildProcess;
  let port = 0;
  let out = '';

  beforeAll(async () => {
    port = await freePort();
    child = spawn('node_modules/.bin/next', ['dev', '-p', String(port)], {
      env: { ...process.env, NODE_ENV: 'development', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), APP_URL: '', DATABASE_URL: '', PGLITE_DIR: path.join(dir, 'pglite') },
      detached: true,
    });
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (await fetch(`http://localhost:${port}/healthz`).then((r) => r.status === 200, () => false)) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`next dev did not become healthy:\n${out}`);
  }, 250_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('redirects a page to the same path and query on APP_URL’s origin', { timeout: 120_000 }, async () => {
    const res = await fetch(`http://127.0.0.1:${port}/apps/run_acme_dashboard?from=bookmark`, { redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe(`http://localhost:${port}/apps/run_acme_dashboard?from=bookmark`);
  });

  it('never redirects off APP_URL’s origin, whatever the path', { timeout: 120_000 }, async () => {
    for (const path of ['//evil.example/x', '/%2F%2Fevil.example/x', '/api/to-app-url//evil.example/x', '/api/to-app-url/%2F%2Fevil.example']) {
      const url = `http://127.0.0.1:${port}${path}`;
      const res = await fetch(url, { redirect: 'manual' });
      expect([307, 308], path).toContain(res.status); // 308: Next.js's own clean-up of `//` comes first
      expect(['127.0.0.1', 'localhost'], path).toContain(new URL(res.headers.get('location')!, url).hostname);
    }
  });

  it('keeps answering API endpoints at that host', { timeout: 120_000 }, async () => {
    const res = await fetch(`http://127.0.0.1:${port}/.well-known/app-gateway`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { issuer: string }).issuer).toBe(`http://localhost:${port}`);
  });
});
