import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { artifactProxyKeys } from '@/lib/gateway/apps/artifact-proxy-keys';
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

  it('AUTH_SECRET: one secret or a comma-separated list, the current one first; each at least 32 characters, never echoed', () => {
    const [a, b, c] = ['a'.repeat(32), 'b'.repeat(48), 'c'.repeat(40)];
    expect(fresh({ AUTH_SECRET: a })).toMatchObject({ AUTH_SECRET: a, AUTH_SECRETS: [a] });
    expect(fresh({ AUTH_SECRET: `${b},${a}` })).toMatchObject({ AUTH_SECRET: b, AUTH_SECRETS: [b, a] });
    expect(fresh({ AUTH_SECRET: ` ${c} , ${b},${a} ` })).toMatchObject({ AUTH_SECRET: c, AUTH_SECRETS: [c, b, a] });
    const refused: Array<[string, string]> = [
      ['short-secret', 'AUTH_SECRET: must be at least 32 characters: the secret has 12'],
      [`${a},short-secret`, 'AUTH_SECRET: must be at least 32 characters: secret 2 of 2 has 12 (secrets are separated by commas)'],
      [`${a},,${b}`, 'AUTH_SECRET: an empty secret in the list'],
      [`${a},`, 'AUTH_SECRET: an empty secret in the list'],
      [`${a},${b},${a}`, 'AUTH_SECRET: secret 3 of 3 repeats secret 1'],
    ];
    for (const [value, message] of refused) {
      const start = () => fresh({ AUTH_SECRET: value });
      expect(start, value).toThrow(EnvError);
      expect(start, value).toThrow(message);
      try {
        start();
      } catch (error) {
        for (const secret of value.split(',')) if (secret.trim().length >= 8) expect((error as Error).message).not.toContain(secret.trim());
      }
    }
  });

  it('AUTH_SECRET: what else derives keys from it (the artifact proxy’s, without ARTIFACT_PROXY_SECRET) uses the current secret alone', () => {
    const [current, old] = ['n'.repeat(40), 'o'.repeat(40)];
    expect(artifactProxyKeys(fresh({ AUTH_SECRET: `${current},${old}`, ARTIFACT_PROXY_SECRET: undefined }))).toEqual(artifactProxyKeys({ AUTH_SECRET: current }));
    expect(artifactProxyKeys(fresh({ AUTH_SECRET: `${current},${old}`, ARTIFACT_PROXY_SECRET: undefined }))).not.toEqual(artifactProxyKeys({ AUTH_SECRET: old }));
  });

  it('AUTH_SECRET unset with the embedded database: one generated secret, kept', () => {
    const e = fresh({ AUTH_SECRET: undefined, APP_TOKEN_KEY_SECRET: undefined });
    expect(e.AUTH_SECRETS).toEqual([e.AUTH_SECRET]);
    expect(e.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(fresh({ AUTH_SECRET: undefined, APP_TOKEN_KEY_SECRET: undefined }).AUTH_SECRET).toBe(e.AUTH_SECRET);
  });
});
