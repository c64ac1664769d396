import { spawnSync } from 'node:child_process';
import { runCli } from '@/lib/cli/index';
import { resetEnv } from '@/lib/platform/config/env';
import { resetKeyring } from '@/lib/gateway/keys/keyring';

export type CliResult = { code: number | null; stdout: string; stderr: string };

/**
 * The CLI's own entry (`runCli`, lib/cli/index.ts) in this process, as `npm run cli -- <args>` with
 * these variables would run it: the configuration and keys read afresh, the database opened and
 * closed again, what it prints captured. A second or so instead of a new tsx process and Node start
 * (5-30 s on a busy 2-core machine). Commands run one at a time: they share this process's
 * environment. `cliProcess` runs the real program.
 */
export async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const saved = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const line = (into: string[]) => (...parts: unknown[]) => void into.push(`${parts.map(String).join(' ')}\n`);
  const { log, error } = console;
  const { write } = process.stdout;
  console.log = line(out);
  console.error = line(err);
  // The JSON log lines, queued and written after the current work (lib/platform/log.ts).
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnv();
  resetKeyring();
  try {
    const code = await runCli(args);
    await new Promise((resolve) => setImmediate(resolve));
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    Object.assign(console, { log, error });
    process.stdout.write = write;
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    resetEnv();
    resetKeyring();
  }
}

/** The CLI as an operator starts it, a process of its own: `npm run cli -- <args>` (tsx on Node 24). */
export function cliProcess(args: string[], env: Record<string, string | undefined> = {}): CliResult {
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
