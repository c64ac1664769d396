import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { assertBuilt, startBuiltServer, type BuiltServer } from './built-server';
import { cliOk } from './cli-ok';
import { copyPgliteTemplate } from './pglite-template';

/**
 * For a describe block: the production build on an embedded database of its own in a temporary
 * folder (`prefix`…): the migrated template, seeded with the demo world by the CLI, then `prepare`
 * (the block's own CLI commands, with the same env) before the server starts; after the tests the
 * server stops and the folder goes. Answers the env (`env` and PGLITE_DIR) and the running server.
 */
export function seededBuiltServerForSuite(prefix: string, env: Record<string, string> = {}, prepare: (env: Record<string, string>) => Promise<void> = async () => undefined): { env: Record<string, string>; server: BuiltServer } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const serverEnv = { PGLITE_DIR: path.join(dir, 'pglite'), ...env };
  let running: BuiltServer | undefined;
  const current = () => {
    if (!running) throw new Error('The built server is not running: use it in tests and hooks.');
    return running;
  };
  beforeAll(async () => {
    assertBuilt();
    copyPgliteTemplate(serverEnv.PGLITE_DIR);
    await cliOk(['seed'], serverEnv);
    await prepare(serverEnv);
    running = await startBuiltServer(serverEnv);
  }, 120_000);
  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const server: BuiltServer = {
    get url() {
      return current().url;
    },
    get child() {
      return current().child;
    },
    output: () => current().output(),
    stop: () => current().stop(),
  };
  return { env: serverEnv, server };
}
