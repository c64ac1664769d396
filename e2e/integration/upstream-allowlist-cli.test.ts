// `app create` / `app set-url --upstream-url` as an operator runs them (the CLI on an embedded database,
// in this process but for a start refused by the configuration, run as the real program): the artifact
// proxy's upstream must be one ARTIFACT_PROXY_UPSTREAMS allows (SPEC §11 amended).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli as runCli, cliProcess } from './harness/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'agw-upstreams-cli-'));
const base = {
  DATABASE_URL: '',
  PGLITE_DIR: path.join(dir, 'pglite'),
  LOG_LEVEL: 'error',
  NODE_ENV: 'development' as const,
  ARTIFACT_PLAIN_UPSTREAM_URL: '',
  ARTIFACT_PROXY_UPSTREAMS: '',
};
const cli = async (env: Record<string, string>, ...args: string[]) => {
  const r = await runCli(args, { ...base, ...env });
  return { status: r.code, out: r.stdout, err: r.stderr };
};
const create = (env: Record<string, string>, org: string, workflow: string, upstream: string) =>
  cli(env, 'app', 'create', '--org', org, '--workflow', workflow, '--title', 'Internal tool', '--upstream-url', upstream);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The first command creates the embedded database: 30 s on a busy 2-core machine.
const CLI_RUNS_TIMEOUT = 90_000;

describe('CLI: the artifact proxy’s upstream must be allowed by the operator', () => {
  it('refuses an upstream the list does not allow, naming the setting and the entry to add', { timeout: CLI_RUNS_TIMEOUT }, async () => {
    expect((await cli({}, 'seed')).status).toBe(0);

    const refused = await create({}, 'org_acme', 'wf_acme_reports', 'http://127.0.0.1:6379/');
    expect(refused.status).toBe(1);
    expect(refused.err.trim()).toBe(
      '--upstream-url: The artifact proxy may not connect to 127.0.0.1:6379: it is not allowed in ARTIFACT_PROXY_UPSTREAMS. ' +
        'Ask the operator to add org_acme=127.0.0.1:6379 to it, or use an upstream that is allowed.',
    );
    const moved = await cli({}, 'app', 'set-url', 'run_acme_plain', '--org', 'org_acme', '--upstream-url', 'http://169.254.169.254/latest/');
    expect(moved.status).toBe(1);
    expect(moved.err).toContain('ARTIFACT_PROXY_UPSTREAMS');
    expect((await cli({}, 'app', 'list', '--org', 'org_acme')).out).toContain('proxied from http://127.0.0.1:3201/');

    // The demo upstream is allowed by default.
    expect((await create({}, 'org_acme', 'wf_acme_reports', 'http://127.0.0.1:3201/')).status).toBe(0);
  });

  it('an entry scoped to one org allows it for that org only', { timeout: CLI_RUNS_TIMEOUT }, async () => {
    const scoped = { ARTIFACT_PROXY_UPSTREAMS: 'org_acme=127.0.0.1:6379' };
    const acme = await create(scoped, 'org_acme', 'wf_acme_reports', 'http://127.0.0.1:6379/');
    expect(acme.status, acme.err).toBe(0);
    expect(acme.out).toMatch(/^Registered run_/);
    const globex = await create(scoped, 'org_globex', 'wf_globex_ops', 'http://127.0.0.1:6379/');
    expect(globex.status).toBe(1);
    expect(globex.err).toContain('Ask the operator to add org_globex=127.0.0.1:6379');
  });

  // The program itself: its exit status and its message on stderr.
  it('a bad entry stops the CLI at start with a message naming it', { timeout: 60_000 }, () => {
    const bad = cliProcess(['app', 'list', '--org', 'org_acme'], { ...base, ARTIFACT_PROXY_UPSTREAMS: '127.0.0.1:3201,10.0.0.0/40' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('ARTIFACT_PROXY_UPSTREAMS: "10.0.0.0/40": not a CIDR');
  });
});
