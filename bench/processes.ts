import { spawn, type ChildProcess } from 'node:child_process';

/** A server of the bench's, in a process group of its own (so `stop` ends its children too). */
export function start(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): ChildProcess {
  return spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * The production server (what `npm start` runs), started with node directly so that BENCH_CPU_PROF=<dir>
 * can have it write a CPU profile there when it stops (open it in Chrome DevTools' Performance panel).
 */
export function startGatewayServer(env: NodeJS.ProcessEnv): ChildProcess {
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  return start(process.execPath, [...prof, '.next/app-gateway-server.mjs'], env);
}

export async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

/** Resolves once `url` answers 2xx; throws if the child exits first or it takes over two minutes. */
export async function waitFor(url: string, child: ChildProcess) {
  for (let i = 0; i < 480 && child.exitCode === null; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}
