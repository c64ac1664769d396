import { expect } from 'vitest';
import { cli } from './cli';

/** Runs the CLI (as `cli` does) and expects it to succeed; answers the last line it printed: what a create command shows once (a token, a secret). */
export async function cliOk(args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const result = await cli(args, env);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim().split('\n').pop()!;
}
