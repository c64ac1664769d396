// Compiles the production server (lib/platform/server/main.ts) to <distDir>/app-gateway-server.mjs, and the
// webhook deliverer's thread (lib/gateway/webhooks/worker-main.ts) beside it. Run by
// `next build` itself (next.config.js, compiler.runAfterProductionCompile), so every production
// build, however it is started, has the server that `npm start` and the bundle run.
import path from 'node:path';
import { build } from 'esbuild';

export const SERVER_FILE = 'app-gateway-server.mjs';
export const WEBHOOK_WORKER_FILE = 'app-gateway-webhooks.mjs';

/** @param {{ projectDir: string, distDir: string }} where */
export async function buildServer({ projectDir, distDir }) {
  await bundle(projectDir, path.join(projectDir, 'lib', 'platform', 'server', 'main.ts'), path.join(distDir, SERVER_FILE), ['next', '@next/env']);
  // The database drivers stay external, as in the bundle's CLI (PGlite reads files beside its module).
  const worker = path.join(projectDir, 'lib', 'gateway', 'webhooks', 'worker-main.ts');
  await bundle(projectDir, worker, path.join(distDir, WEBHOOK_WORKER_FILE), ['@electric-sql/pglite', 'postgres']);
}

async function bundle(projectDir, entry, outfile, external) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    tsconfig: path.join(projectDir, 'tsconfig.json'), // resolves the @/ alias
    // Next.js and the drivers are loaded from the project's (or the bundle's traced) node_modules, never copied in.
    external,
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __agwCreateRequire } from 'node:module';\nconst require = __agwCreateRequire(import.meta.url);" },
  });
}
