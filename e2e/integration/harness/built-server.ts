import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export function assertBuilt() {
  if (!existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npx next build` first (npm test does).');
}

export type BuiltServer = { url: string; child: ChildProcess; output: () => string; stop: () => Promise<void> };

/**
 * `npm start` of the production build (the gateway's server, lib/platform/server/main.ts), on PORT, with
 * APP_URL http://localhost:<port> unless `env` says otherwise (`APP_URL: ''` leaves it unset);
 * resolves once /healthz answers 200, or with the exit if it stops.
 */
export async function startBuiltServer(env: Record<string, string>, port?: number): Promise<BuiltServer> {
  port ??= await freePort();
  let out = '';
  const child = spawn('npm', ['start'], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), APP_URL: `http://localhost:${port}`, ...env },
    detached: true,
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return { url, child, output: () => out, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, child, output: () => out, stop };
}
