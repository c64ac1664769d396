// Compiles the production server (lib/server/main.ts) to <distDir>/app-gateway-server.mjs. Run by
// `next build` itself (next.config.js, compiler.runAfterProductionCompile), so every production
// build, however it is started, has the server that `npm start` and the bundle run.
import path from 'node:path';
import { build } from 'esbuild';

export const SERVER_FILE = 'app-gateway-server.mjs';

/** @param {{ projectDir: string, distDir: string }} where */
export async function buildServer({ projectDir, distDir }) {
  await build({
    entryPoints: [path.join(projectDir, 'lib', 'server', 'main.ts')],
    outfile: path.join(distDir, SERVER_FILE),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: path.join(projectDir, 'tsconfig.json'), // resolves the @/ alias
    // Next.js is loaded from the project's (or the bundle's traced) node_modules, never copied in.
    external: ['next', '@next/env'],
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __agwCreateRequire } from 'node:module';\nconst require = __agwCreateRequire(import.meta.url);" },
  });
}
