import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { copyPgliteTemplate } from './pglite-template';
import { POSTGRES_TEMPLATE_VARIABLE } from './postgres-template';

export type DbKind = 'pglite' | 'postgres';

/** The real PostgreSQL server the suite runs against (CI and developers have one at 127.0.0.1:5432). */
export const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh database of the given kind, configured through the environment the gateway reads: migrated
 * and empty, a copy of the run's template (harness/pglite-template.ts, harness/postgres-template.ts)
 * when the global setup made one; with `migrated: false`, a PostgreSQL database with no tables at all.
 * Returns a cleanup function.
 */
export async function freshDatabase(kind: DbKind, { migrated = true } = {}): Promise<{ url: string | null; dir: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agw-test-'));
  process.env.PGLITE_DIR = path.join(dir, 'pglite');
  if (kind === 'pglite') {
    copyPgliteTemplate(process.env.PGLITE_DIR);
    delete process.env.DATABASE_URL;
    return { url: null, dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `agw_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
  const template = migrated ? process.env[POSTGRES_TEMPLATE_VARIABLE] : undefined;
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  return {
    url: url.toString(),
    dir,
    cleanup: async () => {
      const a = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
