// The token exchange (SPEC §17) beside the mint: exchanges/s and mints/s at 8 and 32 connections,
// in alternating rounds on one server, and database round trips per exchange (issue #31 wants the
// exchange at ≥ 0.8× the mint's throughput).
import { createHash, randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { GatewayClient } from '../e2e/integration/harness/client';
import { mintLoad, type LoadResult } from './load';
import type { RoundTripCounter } from './round-trips';
import { median, percentile } from './stats';
import type { Viewer } from './viewers';

const RESOURCE = 'bench-api';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT = 'urn:ietf:params:oauth:token-type:jwt';

/** One viewer's app session token for one app, and that app's client secret. */
export type ExchangePair = { viewer: Viewer; app: string; secret: string; basic: string; subjectToken?: string };

export type ExchangeBench = {
  rounds: Array<{ conns: number; mint: number[]; exchange: number[]; ratio: number; exchangeP99: number; errors: number }>;
  roundTrips: number | null;
};

/**
 * Pairs of (viewer, app) with every app used once, so neither the mint's per-viewer nor the
 * exchange's per-app rate limit is what is measured; the SQL that gives each app a client secret and
 * an allowance on the bench resource.
 */
export function exchangeSeed(viewers: Viewer[], count: number): { pairs: ExchangePair[]; sql: string[] } {
  const pairs: ExchangePair[] = [];
  const seen = new Set<string>();
  for (let k = 0; pairs.length < count && k < 100; k++) {
    for (const viewer of viewers) {
      const app = viewer.apps[k];
      if (!app || seen.has(app) || pairs.length >= count) continue;
      seen.add(app);
      const secret = `agw_cs_${randomBytes(32).toString('base64url')}`;
      pairs.push({ viewer, app, secret, basic: `Basic ${Buffer.from(`${app}:${secret}`).toString('base64')}` });
    }
  }
  const sql = [
    `insert into resources (id, scopes) values ('${RESOURCE}', '{runs:read}') on conflict do nothing`,
    ...pairs.flatMap((p, i) => [
      `insert into app_credentials (id, app_id, secret_hash, prefix, expires_at) values ('cred_b_${i}', '${p.app}', '${createHash('sha256').update(p.secret).digest('hex')}', '${p.secret.slice(0, 12)}', now() + interval '1 day')`,
      `insert into app_resource_allowances (app_id, resource_id, scopes) values ('${p.app}', '${RESOURCE}', '{runs:read}')`,
    ]),
  ];
  return { pairs, sql };
}

/** Mints each pair's subject token through the endpoint (its API token). */
async function mintSubjectTokens(origin: string, pairs: ExchangePair[]): Promise<void> {
  const client = new GatewayClient(origin, origin);
  for (const p of pairs) {
    const res = await client.mint(p.app, { bearer: p.viewer.apiToken });
    if (res.status !== 200) throw new Error(`subject token mint for ${p.app} got ${res.status}`);
    p.subjectToken = ((await res.json()) as { token: string }).token;
  }
}

const body = (p: ExchangePair) => new URLSearchParams({ grant_type: GRANT, subject_token: p.subjectToken!, subject_token_type: JWT, audience: RESOURCE, scope: 'runs:read' }).toString();

/** Exchanges at `connections` for `seconds`, rotating the pairs. */
async function exchangeLoad(origin: string, pairs: ExchangePair[], connections: number, seconds: number): Promise<LoadResult> {
  let n = 0;
  const instance = autocannon({
    url: origin,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const p = pairs[n++ % pairs.length]!;
          return { ...req, path: '/v1/app-gateway/token', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: p.basic }, body: body(p) };
        },
      },
    ],
  });
  const times: number[] = [];
  instance.on('response', (_c: unknown, _s: number, _b: number, ms: number) => times.push(ms));
  const r = await instance;
  times.sort((a, b) => a - b);
  return { rps: Math.round(r.requests.total / seconds), p50: percentile(times, 50), p95: percentile(times, 95), p99: Math.round(percentile(times, 99) * 10) / 10, errors: r.non2xx + r.errors + r.timeouts, total: r.requests.total };
}

/**
 * Alternating rounds (mint, exchange, mint, exchange, …) at each connection count, so both see the
 * same machine state; the mint with API tokens, rotating viewers over their apps as the mint bench
 * does. `roundTrips` counts the database's round trips per exchange (null on PGlite).
 */
export async function exchangeBench(o: {
  origin: string;
  viewers: Viewer[];
  pairs: ExchangePair[];
  seconds: number;
  warmup: number;
  rounds: number;
  connections: number[];
  roundTrips: RoundTripCounter | null;
  log: (s: string) => void;
}): Promise<ExchangeBench> {
  await mintSubjectTokens(o.origin, o.pairs);
  await exchangeLoad(o.origin, o.pairs, 8, o.warmup);
  const rounds: ExchangeBench['rounds'] = [];
  for (const conns of o.connections) {
    const mint: number[] = [];
    const exchange: number[] = [];
    let errors = 0;
    let p99 = 0;
    for (let i = 0; i < o.rounds; i++) {
      const m = await mintLoad(o.origin, o.viewers, 'api_token', conns, o.seconds, o.origin);
      const e = await exchangeLoad(o.origin, o.pairs, conns, o.seconds);
      mint.push(m.rps);
      exchange.push(e.rps);
      errors += m.errors + e.errors;
      p99 = Math.max(p99, e.p99);
      o.log(`  ${conns} conns round ${i + 1}: mint ${m.rps}/s (p99 ${m.p99} ms), exchange ${e.rps}/s (p99 ${e.p99} ms), errors ${m.errors + e.errors}`);
    }
    rounds.push({ conns, mint, exchange, ratio: Math.round((median(exchange) / median(mint)) * 100) / 100, exchangeP99: p99, errors });
  }
  // Round trips: 1,000 sequential exchanges, counted by the database (bench/round-trips.ts).
  const n = 1000;
  const probe = async () => {
    for (let i = 0; i < n; i++) {
      const p = o.pairs[i % o.pairs.length]!;
      const res = await fetch(`${o.origin}/v1/app-gateway/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: p.basic }, body: body(p) });
      if (res.status !== 200) throw new Error(`round-trip probe got ${res.status}: ${await res.text()}`);
    }
  };
  return { rounds, roundTrips: o.roundTrips ? (await o.roundTrips([{ calls: n, run: probe }]))[0]! : null };
}
