import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the integration projects' global setup leaves the template for the test files (their processes inherit it). */
export const TEMPLATE_VARIABLE = 'AGW_TEST_PGLITE_TEMPLATE';

/** What a migrated database is made of: the migrations, and the PGlite that ran them. */
export function templateKey(): string {
  const hash = createHash('sha256');
  const migrations = path.join('db', 'migrations');
  for (const file of readdirSync(migrations, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(migrations, file);
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(full));
  }
  hash.update(readFileSync(path.join('node_modules', '@electric-sql', 'pglite', 'package.json')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * An embedded database the CLI created and migrated (`npm run cli -- migrate`), made once for these
 * migrations and kept in the temporary folder: a test file's fresh PGlite database starts as a copy
 * of it, instead of every file paying for initdb in WebAssembly (~6 s of CPU each). The CLI's own
 * tests and the browser runs still create theirs from nothing.
 */
export function pgliteTemplate(): string {
  const dir = path.join(os.tmpdir(), `agw-pglite-template-${templateKey()}`);
  if (existsSync(path.join(dir, 'pglite', 'PG_VERSION'))) return path.join(dir, 'pglite');
  const making = mkdtempSync(`${dir}-making-`);
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'migrate'], {
    env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: path.join(making, 'pglite'), LOG_LEVEL: 'error' },
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (r.status !== 0) throw new Error(`npm run cli -- migrate (the embedded database template) failed: ${r.stderr || r.error?.message}`);
  try {
    renameSync(making, dir); // whole or not at all; another run may have made it meanwhile
  } catch {
    rmSync(making, { recursive: true, force: true });
  }
  return path.join(dir, 'pglite');
}

/** Makes `pgliteDir` a fresh embedded database, migrated: a copy of the template when the global setup made one. */
export function copyPgliteTemplate(pgliteDir: string): void {
  const template = process.env[TEMPLATE_VARIABLE];
  if (template) cpSync(template, pgliteDir, { recursive: true });
}
