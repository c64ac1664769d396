import autocannon, { type Result } from 'autocannon';
import { percentile } from './stats';
import type { Viewer } from './viewers';

export type LoadResult = { rps: number; p50: number; p95: number; p99: number; errors: number; total: number };


/** GETs one URL at `connections` concurrent connections for `seconds`: what the framework alone costs. */
export async function getLoad(url: string, connections: number, seconds: number): Promise<LoadResult> {
  const times: number[] = [];
  const instance = autocannon({ url, connections, duration: seconds });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const r = await instance;
  return summarize(r, times, seconds);
}

/** The mint endpoint's path; the bench's minimal route (bench/minimal-route.ts) takes the same requests at another path. */
const ENDPOINT_PATH = (app: string) => `/v1/app-gateway/${app}/session`;

/** Mints at `connections` concurrent connections for `seconds`, rotating viewers and their apps. */
export async function mintLoad(
  url: string,
  viewers: Viewer[],
  auth: 'api_token' | 'session',
  connections: number,
  seconds: number,
  origin: string,
  pathOf: (app: string) => string = ENDPOINT_PATH,
): Promise<LoadResult> {
  let n = 0;
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const v = viewers[n % viewers.length]!;
          const app = v.apps[Math.floor(n / viewers.length) % v.apps.length]!;
          n++;
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (auth === 'api_token') headers.authorization = `Bearer ${v.apiToken}`;
          else Object.assign(headers, { cookie: v.cookie, origin });
          return { ...req, path: pathOf(app), headers, body: '{}' };
        },
      },
    ],
  });
  const times: number[] = [];
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  return summarize(await instance, times, seconds);
}

function summarize(r: Result, times: number[], seconds: number): LoadResult {
  times.sort((a, b) => a - b);
  const errors = r.non2xx + r.errors + r.timeouts;
  const ms = (v: number) => Math.round(v * 10) / 10;
  return { rps: Math.round(r.requests.total / seconds), p50: ms(percentile(times, 50)), p95: ms(percentile(times, 95)), p99: ms(percentile(times, 99)), errors, total: r.requests.total };
}
