import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserServer } from '../../browser/support/servers';

export interface RunningServer {
  name: string;
  logFile: string;
  /** SIGTERM to its process group; SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** SIGKILL to its process group at once, for a runner that is exiting (no waiting possible). */
  kill(): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

function start(server: BrowserServer, logDir: string): { running: RunningServer; exited: Promise<number | null> } {
  const logFile = path.join(logDir, `${server.name}.log`);
  const fd = openSync(logFile, 'a');
  // Its own process group: `npm start` and `npx tsx` run the server in a child, and all of it stops together.
  const child = spawn('sh', ['-c', server.command], { env: server.env as NodeJS.ProcessEnv, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code: number | null) => resolve(code)));
  const pid = child.pid!;
  const running: RunningServer = {
    name: server.name,
    logFile,
    async stop() {
      if (!groupAlive(pid)) return;
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        return;
      }
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        if (!groupAlive(pid)) return;
        await sleep(100);
      }
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    },
    kill() {
      try {
        if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    },
  };
  return { running, exited };
}

/**
 * Starts the servers side by side and waits until each health URL answers 200. A server that exits
 * first, or does not answer in its time, fails the run with the end of its log; the others are stopped.
 */
export async function startServers(servers: BrowserServer[], logDir: string): Promise<RunningServer[]> {
  mkdirSync(logDir, { recursive: true });
  for (const server of servers) {
    if (await answers(server.url)) throw new Error(`${server.name}: ${server.url} already answers — another run holds its port; stop it first.`);
  }
  const started = servers.map((server) => ({ server, ...start(server, logDir) }));
  const ready = started.map(async ({ server, running, exited }) => {
    let exitCode: number | null | undefined;
    void exited.then((code) => (exitCode = code));
    const deadline = Date.now() + server.timeout;
    while (Date.now() < deadline) {
      if (exitCode !== undefined) throw new Error(`${server.name} exited (${exitCode}) before ${server.url} answered:\n${tail(running.logFile)}`);
      if (await answers(server.url)) return;
      await sleep(250);
    }
    throw new Error(`${server.name}: ${server.url} did not answer within ${server.timeout / 1000} s:\n${tail(running.logFile)}`);
  });
  const outcomes = await Promise.allSettled(ready);
  const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failures.length > 0) {
    await Promise.all(started.map(({ running }) => running.stop()));
    throw new Error(failures.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason))).join('\n\n'));
  }
  return started.map(({ running }) => running);
}
