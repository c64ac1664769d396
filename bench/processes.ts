import { spawn, type ChildProcess } from 'node:child_process';

/** A server of the bench's, in a process group of its own (so `stop` ends its children too). */
export function start(cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
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
