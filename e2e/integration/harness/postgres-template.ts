import { spawnSync } from 'node:child_process';
import postgres from 'postgres';
import { templateKey } from './pglite-template';

/** Where the integration projects' global setup leaves the template's name for the test files (their processes inherit it). */
export const POSTGRES_TEMPLATE_VARIABLE = 'AGW_TEST_POSTGRES_TEMPLATE';

const withDatabase = (adminUrl: string, name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * A PostgreSQL database the CLI migrated (`npm run cli -- migrate`), made once for these migrations
 * and kept on the server: a test file's fresh database is `create database … template` of it (under
 * a second) instead of every file running the migrations (3–5 s each on a busy machine), as the
 * embedded databases start from harness/pglite-template.ts's copy. Nobody connects to it after it is
 * made (PostgreSQL copies a template only while no session is in it).
 */
export async function postgresTemplate(adminUrl: string): Promise<string> {
  const name = `agw_template_${templateKey()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    if ((await admin`select 1 from pg_database where datname = ${name}`).length > 0) return name;
    const making = `${name}_making_${process.pid}`;
    await admin.unsafe(`create database ${making}`);
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'migrate'], {
      env: { ...process.env, DATABASE_URL: withDatabase(adminUrl, making), LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 240_000,
    });
    if (r.status !== 0) {
      await admin.unsafe(`drop database if exists ${making} with (force)`);
      throw new Error(`npm run cli -- migrate (the PostgreSQL template) failed: ${r.stderr || r.error?.message}`);
    }
    try {
      await admin.unsafe(`alter database ${making} rename to ${name}`); // whole or not at all; another run may have made it meanwhile
    } catch {
      await admin.unsafe(`drop database if exists ${making} with (force)`);
    }
    return name;
  } finally {
    await admin.end();
  }
}
