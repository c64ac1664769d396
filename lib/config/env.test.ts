import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { upstreamRegistrable } from '@/lib/gateway/apps/upstream-allowlist';
import { env, EnvError, resetEnv } from './env';

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

  it('ARTIFACT_PROXY_UPSTREAMS: unset allows the demo upstream only; a bad entry stops the start with its name', () => {
    const allows = (e: ReturnType<typeof fresh>, url: string) => upstreamRegistrable(e.ARTIFACT_PROXY_UPSTREAMS, 'org_acme', new URL(url));
    const byDefault = fresh({ ARTIFACT_PLAIN_UPSTREAM_URL: 'http://127.0.0.1:3103', ARTIFACT_PROXY_UPSTREAMS: '' });
    expect(allows(byDefault, 'http://127.0.0.1:3103/')).toBe(true);
    expect(allows(byDefault, 'http://127.0.0.1:3201/')).toBe(false);
    const listed = fresh({ ARTIFACT_PROXY_UPSTREAMS: 'org_acme=10.0.0.0/8, reports.internal:8080' });
    expect(allows(listed, 'http://10.2.3.4:81/')).toBe(true);
    expect(allows(listed, 'http://127.0.0.1:3201/')).toBe(false);
    const bad = () => fresh({ ARTIFACT_PROXY_UPSTREAMS: 'reports.internal:8080,10.0.0.0/40' });
    expect(bad).toThrow(EnvError);
    expect(bad).toThrow('ARTIFACT_PROXY_UPSTREAMS: "10.0.0.0/40": not a CIDR; write it like 10.0.0.0/8 or fd00::/8.');
  });
});
