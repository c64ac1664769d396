// The artifact authors' guide's verification examples (lib/artifact-sdk/examples), as their authors
// run them: Node (the SDK), Python (PyJWT) and Go (standard library). Used by the example tests.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

export const EXAMPLES = path.resolve('lib/artifact-sdk/examples');
export const IN_CI = !!process.env.CI && process.env.CI !== 'false';
/** The gateway and the app whose tokens the examples verify. */
export const ISSUER = 'http://localhost:3000';
export const APP = 'run_acme_dashboard';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface Example {
  name: string;
  /** Null when the runtime is here; else how to install it. */
  missing: string | null;
  setup?: () => Promise<void>;
  teardown?: () => void;
  run: (env: Record<string, string>) => Promise<Run>;
}

export function execute(file: string, args: string[], env: Record<string, string>, { timeout = 60_000, cwd = EXAMPLES } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { ...process.env, ...env }, cwd, timeout, encoding: 'utf8' }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** `fn` over `items`, at most `limit` at a time; the promises in the order of `items`. */
export function limited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Array<Promise<R>> {
  let active = 0;
  const waiting: Array<() => void> = [];
  const acquire = () =>
    new Promise<void>((resolve) => {
      if (active < limit) {
        active += 1;
        resolve();
      } else waiting.push(resolve);
    });
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return items.map(async (item) => {
    await acquire();
    try {
      return await fn(item);
    } finally {
      release();
    }
  });
}

const has = (file: string, args: string[]) => spawnSync(file, args, { stdio: 'ignore', timeout: 30_000 }).status === 0;

export const node: Example = {
  name: 'Node (the SDK)',
  missing: null,
  run: (env) => execute(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), path.join(EXAMPLES, 'node-example.ts')], env),
};

export const PYTHON = '/usr/bin/python3';
export const python: Example = {
  name: 'Python (PyJWT)',
  missing: has(PYTHON, ['-c', 'import jwt, cryptography']) ? null : 'needs /usr/bin/python3 with PyJWT: apt-get install -y python3-jwt python3-cryptography',
  run: (env) => execute(PYTHON, [path.join(EXAMPLES, 'verify.py')], env),
};

/** The Go example's files, as `go run` is given them. */
export const GO_SOURCES = ['verify.go', 'jwks.go', 'access_token.go', 'revocations.go'];

// Go builds once (what `go run` does each time); one test also runs `go run verify.go jwks.go access_token.go revocations.go` itself.
export const goEnv: Record<string, string> = { GOTOOLCHAIN: 'local', GOPROXY: 'off' };
if (!process.env.HOME && !process.env.GOCACHE) goEnv.GOCACHE = path.join(tmpdir(), 'app-gateway-go-cache');
export const goBin = ['go', '/usr/lib/go/bin/go', '/usr/local/go/bin/go'].find((bin) => has(bin, ['version']));
let goDir = '';
/** The built Go example (after its setup). */
export const goBinary = () => path.join(goDir, 'verify');
export const go: Example = {
  name: 'Go (standard library)',
  missing: goBin ? null : 'needs the Go toolchain: apt-get install -y golang-go',
  setup: async () => {
    goDir = mkdtempSync(path.join(tmpdir(), 'verify-go-'));
    const built = await execute(goBin!, ['build', '-o', goBinary(), ...GO_SOURCES.map((file) => path.join(EXAMPLES, file))], goEnv, { timeout: 240_000 });
    if (built.status !== 0) throw new Error(`go build verify.go failed:\n${built.stderr}`);
  },
  teardown: () => rmSync(goDir, { recursive: true, force: true }),
  run: (env) => execute(goBinary(), [], env),
};

/**
 * In a describe block about `example`: whether it can run. When its runtime is missing the block gets
 * one test saying so (failing under CI, skipped elsewhere) and false; else the example is set up
 * before the block's tests and torn down after them.
 */
export function exampleRuns(example: Example): boolean {
  if (example.missing !== null) {
    if (IN_CI) it('has its runtime installed', () => expect.fail(`${example.name}: ${example.missing}`));
    else it.skip(`skipped: ${example.missing}`, () => undefined);
    return false;
  }
  beforeAll(async () => example.setup?.(), 300_000);
  afterAll(() => example.teardown?.());
  return true;
}
