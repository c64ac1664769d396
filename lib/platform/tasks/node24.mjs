// Runs a command on Node 24 LTS or newer, whatever node started npm: this machine's own node when it
// is 24 or newer, else the Node 24 binary npm installed from the registry (the optional dependency
// node-<platform>-<arch>: a plain executable, installed without any script). The command's children
// inherit it through PATH, so `npx …`, tools with a `#!/usr/bin/env node` line and `process.execPath`
// all run on it too.
//
// Usage (package.json scripts): node lib/platform/tasks/node24.mjs <command> [args...]
// This file must run on any Node from 18 on: no dependencies, no newer syntax.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const REQUIRED_MAJOR = 24;
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node lib/platform/tasks/node24.mjs <command> [args...]');
  process.exit(2);
}

const majorOf = (version) => Number(String(version).replace(/^v/, '').split('.')[0]);

/** The version of another node binary, or null when it cannot be run. */
function versionOf(execPath) {
  const r = spawnSync(execPath, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * The node to run on. `npm run` puts node_modules/.bin first on PATH, and with it the registry's
 * Node 24 (its package links a `node` there), so this script usually already runs on that one; the
 * node that runs npm itself (`npm_node_execpath`) is the machine's own, preferred when it is 24+.
 */
function chooseNode() {
  const own = process.env.npm_node_execpath;
  if (own && own !== process.execPath && existsSync(own)) {
    const version = versionOf(own);
    if (version !== null && majorOf(version) >= REQUIRED_MAJOR) return own;
  }
  if (majorOf(process.versions.node) >= REQUIRED_MAJOR) return process.execPath;
  const pkg = `node-${process.platform}-${process.arch}`;
  try {
    const bundled = path.join(path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), 'bin', 'node');
    if (existsSync(bundled)) return bundled;
  } catch {
    // not installed: this platform has no such package, or the install left it out
  }
  console.error(
    `App Gateway runs on Node ${REQUIRED_MAJOR} LTS or newer; this is Node ${process.versions.node}.\n` +
      `On Linux (x64, arm64) \`npm install\` brings Node ${REQUIRED_MAJOR} from the npm registry (${pkg}), ` +
      `but it is missing here: run \`npm install\` again, or install Node ${REQUIRED_MAJOR} (https://nodejs.org) and use it.`,
  );
  process.exit(1);
}

/**
 * A folder whose only `node` is the chosen one, to put first on PATH: the folder of the machine's own
 * node (say /usr/bin) holds much else that must not shadow node_modules/.bin.
 */
function binDirOf(node) {
  if (readdirSync(path.dirname(node)).length === 1) return path.dirname(node);
  const dir = path.resolve('node_modules/.cache/app-gateway-node');
  mkdirSync(dir, { recursive: true });
  const link = path.join(dir, 'node');
  if (!existsSync(link) || realpathSync(link) !== realpathSync(node)) {
    rmSync(link, { force: true });
    symlinkSync(node, link);
  }
  return dir;
}

const binDir = binDirOf(chooseNode());
const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` };

const child = spawn(command, args, { stdio: 'inherit', env });
child.on('error', (error) => {
  console.error(`${command}: ${error.message}`);
  process.exit(127);
});
// Ctrl-C reaches the whole foreground group (the child too): wait for the child to finish. A SIGTERM
// or SIGHUP sent to this process alone is passed on.
process.on('SIGINT', () => undefined);
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
