import { describe, expect, it } from 'vitest';
import { HelpRequested, parseCommand, runGroup, UsageError, type Subcommand } from './args';

const create: Subcommand = {
  usage: 'thing create --email <email> [--flag]',
  options: { email: { type: 'string' }, flag: { type: 'boolean' } },
  run: async () => {},
};
const remove: Subcommand = { usage: 'thing remove <id>', positionals: ['id'], run: async () => {} };

describe('CLI argument parsing', () => {
  it('reads known options and positionals', () => {
    expect(parseCommand(['--email', 'a@b.test', '--flag'], create).values).toEqual({ email: 'a@b.test', flag: true });
    expect(parseCommand(['id_1'], remove).positionals).toEqual(['id_1']);
  });

  it('refuses unknown flags, missing values, missing and extra arguments, with the usage', () => {
    expect(() => parseCommand(['--emial', 'x'], create)).toThrow(UsageError);
    expect(() => parseCommand(['--email'], create)).toThrow(/Usage: thing create/);
    expect(() => parseCommand([], remove)).toThrow(/Missing <id>/);
    expect(() => parseCommand(['a', 'b'], remove)).toThrow(/Unexpected argument 'b'/);
  });

  it('answers --help for every command, and names unknown subcommands', async () => {
    expect(() => parseCommand(['--help'], remove)).toThrow(HelpRequested);
    await expect(runGroup('thing', { create, remove }, ['--help'])).rejects.toThrow(HelpRequested);
    await expect(runGroup('thing', { create, remove }, ['delete'])).rejects.toThrow(/Unknown command 'thing delete'/);
  });

  it('runs the chosen subcommand with its parsed values', async () => {
    const seen: unknown[] = [];
    const spy: Subcommand = { ...remove, run: async (_v, p) => void seen.push(p) };
    await runGroup('thing', { remove: spy }, ['remove', 'id_9']);
    expect(seen).toEqual([['id_9']]);
  });
});
