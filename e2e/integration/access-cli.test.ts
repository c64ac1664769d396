// `app show` and `app access` as an operator runs them: the real CLI on an embedded database.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'agw-access-cli-'));
const env = { ...process.env, DATABASE_URL: '', PGLITE_DIR: path.join(dir, 'pglite'), LOG_LEVEL: 'error', NODE_ENV: 'development' as const };
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/index.ts', ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI: app show / app access', () => {
  it('shows the rule, lists members, refuses a non-member, and prints whom a change shuts out', () => {
    expect(cli('seed').status).toBe(0);
    const shown = cli('app', 'show', 'run_acme_dashboard');
    expect(shown.status).toBe(0);
    expect(shown.out).toContain('Who can open it: everyone in the org');

    const refused = cli('app', 'access', 'run_acme_dashboard', 'members', '--email', 'carol@example.test', '--email', 'bob@globex.test');
    expect(refused.status).toBe(1);
    expect(refused.err.trim()).toBe('Not a member of org_acme: bob@globex.test. Nothing was changed.');
    expect(cli('app', 'show', 'run_acme_dashboard').out).toContain('Who can open it: everyone in the org');

    const listed = cli('app', 'access', 'run_acme_dashboard', 'members', '--email', 'Carol@Example.test');
    expect(listed.status).toBe(0);
    expect(listed.out).toContain('Who can open it: admins and carol@example.test');
    expect(cli('app', 'show', 'run_acme_dashboard').out).toMatch(/listed {2}usr_carol {2}carol@example\.test {2}Carol Chen/);

    const closed = cli('app', 'access', 'run_acme_dashboard', 'admins');
    expect(closed.out).toContain('Who can open it: admins only');
    expect(closed.out).toMatch(/no longer allowed {2}usr_carol/);

    expect(cli('app', 'access', 'run_acme_dashboard', 'admins', '--email', 'carol@example.test').err).toContain('--email goes with members only');
    expect(cli('app', 'access', 'run_nope', 'everyone').err.trim()).toBe('No app with id run_nope (or it was deleted).');
    expect(cli('app', 'access', 'run_acme_dashboard', 'everyone').out).toContain('Who can open it: everyone in the org');
  }, 240_000); // ten CLI processes, each starting tsx and the embedded database
});
