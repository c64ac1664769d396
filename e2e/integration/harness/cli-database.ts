import { afterAll, beforeAll, expect } from 'vitest';
import { cli } from './cli';
import { freshDatabase, type DbKind } from './databases';

/**
 * For a describe block: a fresh database of `kind`, the demo world seeded by the CLI before its tests,
 * dropped after them. `env` (filled in before the tests) is what CLI runs on it are given.
 */
export function seededCliDatabase(kind: DbKind): { env: Record<string, string | undefined> } {
  const world = { env: {} as Record<string, string | undefined> };
  let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    world.env = { DATABASE_URL: database.url ?? undefined, PGLITE_DIR: process.env.PGLITE_DIR!, LOG_LEVEL: 'error' };
    expect((await cli(['seed'], world.env)).code).toBe(0);
  }, 120_000);
  afterAll(() => database?.cleanup());
  return world;
}
