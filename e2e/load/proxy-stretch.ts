import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPlainUpstreamServer } from '../artifact-host/plain-upstream';
import { freePort } from '../integration/harness/built-server';
import { hostRequest } from '../integration/harness/host-request';
import { serverPid } from './server-pid';

// The load's proxied stretch: the artifact proxy (`npm run artifact-proxy`, in a process of its own)
// in front of the demo's plain upstream, serving the seeded proxied app run_acme_plain to a viewer
// whose proxy session was made as the viewer's frame makes it (a token the gateway minted, exchanged
// at the app's origin), while the mints run, so that both processes' memory is seen under load.

const PROXIED_APP = 'run_acme_plain';

/** Resident memory of a process, in MB (Linux /proc). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** RSS at the start, the most seen (sampled every 500 ms and at each call of `sample`), and the last. */
export function rssTracker(pid: number) {
  const start = rssMb(pid);
  let peak = start;
  let last = start;
  const sample = () => {
    try {
      last = rssMb(pid);
      peak = Math.max(peak, last);
    } catch {
      /* exited */
    }
    return last;
  };
  const timer = setInterval(sample, 500);
  return {
    sample,
    stop: () => {
      clearInterval(timer);
      sample();
      return { startMb: Math.round(start), peakMb: Math.round(peak), endMb: Math.round(last) };
    },
  };
}

type ProxyWorld = { env: Record<string, string>; upstream: Server; proxyPort: number; host: string };

/** The plain upstream, listening, and what the gateway's seed and the proxy need to know of it (before the seed runs). */
export async function proxyWorld(): Promise<ProxyWorld> {
  const upstream = createPlainUpstreamServer('http://localhost');
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamHost = `127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const proxyPort = await freePort();
  const domain = `proxy.localhost:${proxyPort}`;
  return {
    env: { ARTIFACT_PROXY_DOMAIN: domain, ARTIFACT_PLAIN_UPSTREAM_URL: `http://${upstreamHost}`, ARTIFACT_PROXY_UPSTREAMS: upstreamHost },
    upstream,
    proxyPort,
    host: `${PROXIED_APP.replace(/_/g, '-')}.${domain}`,
  };
}

/**
 * The proxy, started by `npm run artifact-proxy` itself (its Node flags: the heap's limits), in a process
 * group of its own; resolves once it is healthy, with the pid of its Node process (whose memory is measured).
 */
export async function startProxy(world: ProxyWorld, env: Record<string, string>, gatewayUrl: string): Promise<{ child: ChildProcess; pid: number }> {
  const child = spawn('npm', ['run', '--silent', 'artifact-proxy'], {
    env: { ...process.env, ...env, ...world.env, APP_URL: gatewayUrl, ARTIFACT_PROXY_PORT: String(world.proxyPort) },
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 240 && child.exitCode === null; i++) {
    const up = await hostRequest(`http://127.0.0.1:${world.proxyPort}`, world.host, '/.app-gateway/healthz').then((r) => r.status === 200, () => false);
    if (up) return { child, pid: serverPid(child.pid!, 'lib/artifact-proxy/main.ts') };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the artifact proxy did not come up');
}

export async function stopProxy(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

/** A viewer's proxy session: a token the gateway mints for the proxied app, exchanged at the app's origin; the cookie's `name=value`. */
export async function proxySession(world: ProxyWorld, gatewayUrl: string, apiToken: string): Promise<string> {
  const minted = await fetch(`${gatewayUrl}/v1/app-gateway/${PROXIED_APP}/session`, { method: 'POST', headers: { authorization: `Bearer ${apiToken}` } });
  const { token } = (await minted.json()) as { token?: string };
  if (!token) throw new Error(`proxy stretch: the mint for ${PROXIED_APP} answered ${minted.status}`);
  const r = await hostRequest(`http://127.0.0.1:${world.proxyPort}`, world.host, '/.app-gateway/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: `http://${world.host}`, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token }),
  });
  const cookie = ([r.headers['set-cookie']].flat()[0] ?? '').split(';')[0];
  if (r.status !== 204 || !cookie) throw new Error(`proxy stretch: the session exchange answered ${r.status}: ${r.text.slice(0, 200)}`);
  return cookie;
}

/** `clients` loops of GET / through the proxy (the app's own page: same-origin) until `until()` says stop; answers by status. */
export async function proxiedLoad(world: ProxyWorld, cookie: string, clients: number, until: () => boolean): Promise<Record<string, number>> {
  const byStatus: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!until()) {
        const r = await hostRequest(`http://127.0.0.1:${world.proxyPort}`, world.host, '/', { headers: { cookie, 'sec-fetch-site': 'same-origin' } }).catch(() => ({ status: 0 }));
        byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      }
    }),
  );
  return byStatus;
}
