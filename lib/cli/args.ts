import { parseArgs } from 'node:util';
import type { Refusal, Result } from '@/lib/gateway/errors';

/** A mistake in the command line: printed with the command's usage, exit status 1. */
export class UsageError extends Error {}

/** `--help` was asked for: the usage is printed, exit status 0. */
export class HelpRequested extends Error {}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
export type Values = Record<string, string | boolean | string[] | undefined>;

export type Subcommand = {
  usage: string;
  options?: OptionSpec;
  /** Names of the positional arguments, all required. */
  positionals?: string[];
  /** Prints what it did, or returns why not (rendered by lib/cli/refusal.ts). */
  run: (values: Values, positionals: string[]) => Promise<void | Refusal>;
  /** A group inside the group (`app credential create …`): the next word picks one of these, and `run` is not called. */
  subcommands?: Record<string, Subcommand>;
};

/** Strict parsing with node:util: unknown flags, missing values and extra arguments are errors. */
export function parseCommand(argv: string[], spec: Subcommand): { values: Values; positionals: string[] } {
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequested(spec.usage);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec.options ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\nUsage: ${spec.usage}`);
  }
  const wanted = spec.positionals ?? [];
  if (parsed.positionals.length !== wanted.length) {
    const problem = parsed.positionals.length < wanted.length ? `Missing ${wanted.slice(parsed.positionals.length).map((n) => `<${n}>`).join(' ')}.` : `Unexpected argument '${parsed.positionals[wanted.length]}'.`;
    throw new UsageError(`${problem}\nUsage: ${spec.usage}`);
  }
  return { values: parsed.values as Values, positionals: parsed.positionals };
}

/**
 * A subcommand about the one thing a required option names (a user by `--email`, an org by `--org`):
 * `find` looks it up and `run` gets what it found; when there is none, `find`'s refusal is the answer.
 */
export function subcommandFor<T extends object>(
  option: string,
  find: (name: string) => Promise<Result<T>>,
  spec: Omit<Subcommand, 'run' | 'subcommands'>,
  run: (found: T, values: Values, positionals: string[]) => Promise<void | Refusal>,
): Subcommand {
  return {
    ...spec,
    options: { [option]: { type: 'string' }, ...spec.options },
    async run(values, positionals) {
      const found = await find(required(values, option, spec.usage));
      if (!found.ok) return found;
      return run(found, values, positionals);
    },
  };
}

/** Runs `<group> <subcommand> ...` from a table of subcommands. */
export async function runGroup(group: string, table: Record<string, Subcommand>, argv: string[]): Promise<void | Refusal> {
  const [name, ...rest] = argv;
  const usage = Object.values(table).map((c) => `  ${c.usage}`).join('\n');
  if (!name || name === '--help' || name === '-h') throw new (name ? HelpRequested : UsageError)(`Usage:\n${usage}`);
  const sub = Object.hasOwn(table, name) ? table[name]! : null;
  if (!sub) throw new UsageError(`Unknown command '${group} ${name}'.\nUsage:\n${usage}`);
  if (sub.subcommands) return runGroup(`${group} ${name}`, sub.subcommands, rest);
  const { values, positionals } = parseCommand(rest, sub);
  return sub.run(values, positionals);
}

/** A required string option. */
export function required(values: Values, name: string, usage: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`Pass --${name}.\nUsage: ${usage}`);
  return v;
}

/** An optional string option. */
export function optional(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** An optional positive number of days. */
export function positiveDays(values: Values, name: string): number | undefined {
  const v = optional(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number.`);
  return n;
}
