// `npm run sdk:pack [-- --out <folder>]`: the artifact SDK as its npm package (SPEC §6 amended).
// Compiles lib/artifact-sdk with its own tsconfig into lib/artifact-sdk/dist (ESM and declarations,
// git-ignored; emptied first so nothing stale ships), then `npm pack`s it into <folder> (default
// dist/) and prints the tarball's path as the last line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const SDK = path.resolve(import.meta.dirname, '../../artifact-sdk');
const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' } } });
const out = path.resolve(values.out);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    console.error(`sdk:pack: ${path.basename(cmd)} ${args.join(' ')} failed (exit status ${r.status}${r.error ? `, ${r.error.message}` : ''})`);
    process.exit(1);
  }
  return r.stdout;
}

rmSync(path.join(SDK, 'dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
run(process.execPath, [tsc, '-p', path.join(SDK, 'tsconfig.package.json')]);
mkdirSync(out, { recursive: true });
const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', out], { cwd: SDK }));
console.log(path.join(out, packed.filename));
