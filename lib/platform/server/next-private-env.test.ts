import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NEXT_VERSION_CHECKED, nextPrivateEnv } from './next-private-env';

const require = createRequire(import.meta.url);
const nextDir = path.dirname(require.resolve('next/package.json'));
const RECHECK = 'Next.js changed: re-read how its server uses these variables, fix lib/platform/server/next-private-env.ts, then update NEXT_VERSION_CHECKED';

describe('the production server’s coupling to Next.js internals', () => {
  const saved = process.env.__NEXT_PRIVATE_STANDALONE_CONFIG;
  afterEach(() => {
    if (saved === undefined) delete process.env.__NEXT_PRIVATE_STANDALONE_CONFIG;
    else process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = saved;
  });

  it('was checked against the Next.js version that is installed and pinned', () => {
    const installed = (JSON.parse(readFileSync(path.join(nextDir, 'package.json'), 'utf8')) as { version: string }).version;
    const pinned = (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies.next;
    expect(installed, RECHECK).toBe(NEXT_VERSION_CHECKED);
    expect(pinned, 'package.json must pin next exactly').toBe(NEXT_VERSION_CHECKED);
  });

  it('makes Next.js use the configuration the build resolved, without a next.config file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'agw-next-config-'));
    try {
      const resolved = { marker: 'resolved-by-next-build', distDir: '.next', basePath: '' };
      Object.assign(process.env, nextPrivateEnv(resolved, 'http://localhost:1'));
      const { default: loadConfig } = require('next/dist/server/config') as { default: (phase: string, dir: string) => Promise<unknown> };
      const config = await loadConfig('phase-production-server', dir);
      expect(config, RECHECK).toEqual(resolved);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives Next.js the origin it forwards server actions to', () => {
    // Read where it is used: a behaviour test would need two workers of one Next.js server.
    const actionHandler = readFileSync(path.join(nextDir, 'dist/server/app-render/action-handler.js'), 'utf8');
    expect(actionHandler, RECHECK).toContain('process.env.__NEXT_PRIVATE_ORIGIN');
    expect(nextPrivateEnv({}, 'https://gw.example').__NEXT_PRIVATE_ORIGIN).toBe('https://gw.example');
  });
});
