import { describe, expect, it } from 'vitest';
import { cli, cliProcess } from './harness/cli';
import { seededCliDatabase } from './harness/cli-database';

describe('CLI: webhook add | list | remove (PostgreSQL)', () => {
  const database = seededCliDatabase('postgres');

  it('adds an endpoint printing its secret as the last line, lists it, removes it; refuses a private address', { timeout: 90_000 }, async () => {
    // The program itself: the secret is the last line of its standard output.
    const added = cliProcess(['webhook', 'add', '--org', 'org_acme', '--url', 'http://127.0.0.1:4600/audit'], database.env);
    expect(added.code, added.stderr).toBe(0);
    const lines = added.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const id = /(whk_[A-Za-z0-9_-]+)/.exec(added.stdout)![1]!;

    const listed = await cli(['webhook', 'list', '--org', 'org_acme'], database.env);
    expect(listed.stdout.trim().split('\n')).toEqual([`${id}  http://127.0.0.1:4600/audit  pending 0  last success -  ok`]);
    expect(listed.stdout).not.toContain('whsec_');

    const refused = await cli(['webhook', 'add', '--org', 'org_acme', '--url', 'https://169.254.169.254/latest'], database.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Private network addresses are not accepted/);

    expect((await cli(['webhook', 'remove', id], database.env)).code).toBe(0);
    expect((await cli(['webhook', 'list', '--org', 'org_acme'], database.env)).stdout.trim()).toBe('');
    const again = await cli(['webhook', 'remove', id], database.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/No webhook/);
  });
});
