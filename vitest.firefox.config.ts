import path from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run test:firefox`: the browser specs that run in Firefox ESR, driven by puppeteer-core over
// WebDriver BiDi (e2e/firefox). Against the production build: run `npx next build` first.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['e2e/firefox/**/*.firefox.ts'],
    globalSetup: ['e2e/firefox/support/global-setup.ts'],
    pool: 'forks',
    // One browser for the run: the files take turns, each in a browser context of its own.
    fileParallelism: false,
    testTimeout: 60_000,
    // What a user sees may take a moment on a busy machine: every expect.poll waits up to 10 s.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/firefox.json' }]],
  },
});
