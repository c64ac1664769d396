import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { env, resetEnv } from './env';

const dir = mkdtempSync(path.join(os.tmpdir(), 'agw-env-'));
const saved = { ...process.env };
const fresh = (vars: Record<string, string | undefined>) => {
  resetEnv();
  process.env = { ...saved, DATABASE_URL: '', PGLITE_DIR: path.join(dir, 'pglite'), PORT: undefined, APP_URL: undefined, TRUSTED_PROXY_COUNT: undefined, ...vars } as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries(process.env)) if (v === undefined) delete process.env[k];
  return env();
};

describe('env', () => {
  beforeEach(() => resetEnv());
  afterAll(() => {
    process.env = saved;
    resetEnv();
    rmSync(dir, { recursive: true, force: true });
  });

  it('APP_URL follows PORT when unset, and stays what was set otherwise', () => {
    expect(fresh({ PORT: '3555' }).APP_URL).toBe('http://localhost:3555');
    expect(fresh({}).APP_URL).toBe('http://localhost:3000');
    expect(fresh({ PORT: '3555', APP_URL: '' }).APP_URL).toBe('http://localhost:3555');
    expect(fresh({ PORT: '3555', APP_URL: 'https://gateway.example/' }).APP_URL).toBe('https://gateway.example');
  });

  it('TRUSTED_PROXY_COUNT defaults to 0 and refuses what is not a small count', () => {
    expect(fresh({}).TRUSTED_PROXY_COUNT).toBe(0);
    expect(fresh({ TRUSTED_PROXY_COUNT: '2' }).TRUSTED_PROXY_COUNT).toBe(2);
    expect(() => fresh({ TRUSTED_PROXY_COUNT: 'yes' })).toThrow(/TRUSTED_PROXY_COUNT/);
    expect(() => fresh({ TRUSTED_PROXY_COUNT: '-1' })).toThrow(/TRUSTED_PROXY_COUNT/);
  });
});
