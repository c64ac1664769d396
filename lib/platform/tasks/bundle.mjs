// `npm run bundle` (= `next build` then this file): assembles dist/app-gateway/, a folder that runs
// with Node alone — nothing else installed:
//   server.mjs                         the gateway's server (lib/platform/server/main.ts, built by `next build`)
//   app-gateway-webhooks.mjs           its webhook deliverer's thread (lib/gateway/webhooks/worker-main.ts)
//   node_modules/, .next/              Next.js standalone output (its traced node_modules included)
//   .next/static/                      client assets (standalone leaves them out)
//   db/migrations/                     the committed SQL; server and CLI read it from their own folder
//   cli.mjs                            the CLI (lib/cli/index.ts) compiled into one file
//   start.sh                           `node server.mjs` from the bundle's folder
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SERVER_FILE, WEBHOOK_WORKER_FILE } from './build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const from = (...p) => path.join(root, ...p);
const out = from('dist', 'app-gateway');
const to = (...p) => path.join(out, ...p);

function fail(message) {
  console.error(`bundle: ${message}`);
  process.exit(1);
}

const started = Date.now();
const standalone = from('.next', 'standalone');
if (!existsSync(path.join(standalone, 'server.js'))) {
  fail('no .next/standalone/server.js: run `next build` first (with output: "standalone" in next.config.js).');
}
const server = from('.next', SERVER_FILE);
if (!existsSync(server)) fail(`no .next/${SERVER_FILE}: run \`next build\` first (next.config.js builds it).`);
const buildId = readFileSync(from('.next', 'BUILD_ID'), 'utf8');
if (readFileSync(path.join(standalone, '.next', 'BUILD_ID'), 'utf8') !== buildId) {
  fail('.next/standalone is not from the latest `next build`: build again.');
}

rmSync(out, { recursive: true, force: true });
// verbatimSymlinks: Turbopack links external packages (.next/node_modules/postgres-<hash> →
// ../../node_modules/postgres); keep those links relative so they resolve inside the bundle.
const copy = (src, dest) => cpSync(src, dest, { recursive: true, verbatimSymlinks: true });
copy(standalone, out);
// Next.js's own server.js would start without the gateway's client-address handling: the bundle
// starts the same server as `npm start` instead.
rmSync(to('server.js'));
copy(server, to('server.mjs'));
copy(from('.next', WEBHOOK_WORKER_FILE), to(WEBHOOK_WORKER_FILE)); // beside server.mjs, where it looks for it
// Next copies .env and .env.production beside server.js, and the server would load them: a bundle
// is configured by its environment only, never by a developer's local secrets.
for (const file of readdirSync(out).filter((f) => f.startsWith('.env'))) {
  rmSync(to(file));
  console.log(`bundle: left out ${file} (configure the bundle with environment variables)`);
}
copy(from('.next', 'static'), to('.next', 'static'));
if (existsSync(from('public'))) copy(from('public'), to('public'));
copy(from('db', 'migrations'), to('db', 'migrations'));

// The database drivers stay external: the CLI loads the very copies the server's trace put in
// node_modules/ (PGlite reads its .wasm and .data files from its own package folder).
const external = ['@electric-sql/pglite', 'postgres'];
for (const name of external) {
  if (!existsSync(to('node_modules', name, 'package.json'))) fail(`${name} is missing from the standalone node_modules.`);
}
for (const file of ['pglite.wasm', 'pglite.data', 'initdb.wasm']) {
  if (!existsSync(to('node_modules', '@electric-sql', 'pglite', 'dist', file))) fail(`@electric-sql/pglite/dist/${file} is missing from the standalone trace.`);
}

await build({
  entryPoints: [from('lib', 'cli', 'index.ts')],
  outfile: to('cli.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  tsconfig: from('tsconfig.json'), // resolves the @/ alias
  external,
  legalComments: 'none',
  logLevel: 'warning',
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __agwCreateRequire } from 'node:module';",
      'const require = __agwCreateRequire(import.meta.url);',
      // Like server.mjs: run in the bundle's folder (db/migrations, a relative PGLITE_DIR) and
      // default to production, so the CLI never invents secrets for a PostgreSQL database.
      "import { fileURLToPath as __agwFileURLToPath } from 'node:url';",
      "process.chdir(__agwFileURLToPath(new URL('.', import.meta.url)));",
      "process.env.NODE_ENV ||= 'production';",
    ].join('\n'),
  },
});

writeFileSync(
  to('start.sh'),
  `#!/bin/sh
# App Gateway: the production server on PORT (default 3000), bound to HOSTNAME (default: every interface).
# V8's heap bounded as in \`npm start\` (docs/deployment.md, "Node's memory flags"): the young generation at Node 20's
# size (Node 24's default lets it grow to 192 MB) and the old one at 192 MB (NODE_OPTIONS cannot raise what is set here).
cd "$(dirname "$0")" && exec node --max-semi-space-size=16 --max-old-space-size=192 server.mjs
`,
);
chmodSync(to('start.sh'), 0o755);
chmodSync(to('cli.mjs'), 0o755);

console.log(`bundle: dist/app-gateway assembled in ${((Date.now() - started) / 1000).toFixed(1)} s (build ${buildId})`);
console.log('  start: dist/app-gateway/start.sh (= node server.mjs)   CLI: node dist/app-gateway/cli.mjs <command>');
