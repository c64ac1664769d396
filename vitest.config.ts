import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'e2e/api/**/*.test.ts', 'e2e/artifact-host/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**/*.spec.ts'],
    pool: 'forks',
    // Each file gets its own process, configuration and database.
    isolate: true,
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    server: { deps: { inline: ['next-auth', '@auth/core'] } },
  },
});
