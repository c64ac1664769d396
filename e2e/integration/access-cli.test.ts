// `app show` and `app access` as an operator runs them: the CLI on an embedded database, in this
// process (harness/cli.ts) but for one command run as the real program.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli as runCli, cliProcess } from './harness/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'agw-access-cli-'));
const env = { DATABASE_URL: '', PGLITE_DIR: path.join(dir, 'pglite'), LOG_LEVEL: 'error', NODE_ENV: 'development' };
const cli = async (...args: string[]) => {
  const r = await runCli(args, env);
  return { status: r.code, out: r.stdout, err: r.stderr };
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI: app show / app access', () => {
  it('shows the rule, lists members, refuses a non-member, and prints whom a change shuts out', async () => {
    expect((await cli('seed')).status).toBe(0);
    const shown = await cli('app', 'show', 'run_acme_dashboard');
    expect(shown.status).toBe(0);
    expect(shown.out).toContain('Who can open it: everyone in the org');

    // The program itself: its exit status and its message on stderr.
    const refused = cliProcess(['app', 'access', 'run_acme_dashboard', 'members', '--email', 'carol@example.test', '--email', 'bob@globex.test'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe('Not a member of org_acme: bob@globex.test. Nothing was changed.');
    expect((await cli('app', 'show', 'run_acme_dashboard')).out).toContain('Who can open it: everyone in the org');

    const listed = await cli('app', 'access', 'run_acme_dashboard', 'members', '--email', 'Carol@Example.test');
    expect(listed.status).toBe(0);
    expect(listed.out).toContain('Who can open it: admins and carol@example.test');
    expect((await cli('app', 'show', 'run_acme_dashboard')).out).toMatch(/listed {2}usr_carol {2}carol@example\.test {2}Carol Chen/);

    const closed = await cli('app', 'access', 'run_acme_dashboard', 'admins');
    expect(closed.out).toContain('Who can open it: admins only');
    expect(closed.out).toMatch(/no longer allowed {2}usr_carol/);

    const mixed = await cli('app', 'access', 'run_acme_dashboard', 'admins', '--email', 'carol@example.test');
    expect(mixed.status).toBe(1);
    expect(mixed.err).toContain('--email and --group go with members only');
    const missing = await cli('app', 'access', 'run_nope', 'everyone');
    expect(missing.status).toBe(1);
    expect(missing.err.trim()).toBe('No app with id run_nope (or it was deleted).');
    expect((await cli('app', 'access', 'run_acme_dashboard', 'everyone')).out).toContain('Who can open it: everyone in the org');
  }, 120_000); // one CLI process (tsx and the embedded database) besides the commands run here
});
