import { describe, expect, it } from 'vitest';
import { seededBuiltServerForSuite } from './harness/seeded-built-server';
import { cliOk } from './harness/cli-ok';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** A 404 page's body without its per-response script nonce and the path it names, to compare two of them. */
async function notFoundBody(res: Response, path: string): Promise<string> {
  expect(res.status).toBe(404);
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
  expect(nonce).toBeTruthy();
  return (await res.text()).replaceAll(nonce!, '<nonce>').replaceAll(`\\"${path}\\"`, '\\"<path>\\"');
}

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe.each([
  ['unset', {}],
  ['set', { METRICS_TOKEN }],
] as const)('GET /metrics with METRICS_TOKEN %s (production build)', (_, metricsEnv) => {
  let apiToken = '';
  const { server } = seededBuiltServerForSuite('agw-metrics-', metricsEnv, async (env) => {
    apiToken = await cliOk(['api-token', 'create', '--email', 'alice@acme.test', '--org', 'org_acme'], env);
  });

  it('answers a scrape without the token exactly as an unknown address (no header, wrong token, token of another scheme)', async () => {
    const unknown = await notFoundBody(await fetch(`${server.url}/no-such-page`), 'no-such-page');
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${METRICS_TOKEN}`, `Bearer ${METRICS_TOKEN}x`]) {
      const res = await fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(await notFoundBody(res, 'metrics')).toBe(unknown);
    }
  });

  it.runIf('METRICS_TOKEN' in metricsEnv)('with the token: mints by result and code, mint durations, JWKS requests, pool and process metrics', async () => {
    const mint = (appId: string) =>
      fetch(`${server.url}/v1/app-gateway/${appId}/session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
    expect((await mint('run_acme_dashboard')).status).toBe(200);
    expect((await mint('run_acme_dashboard')).status).toBe(200);
    expect((await mint('run_globex_tracker')).status).toBe(404);
    expect((await fetch(`${server.url}/v1/app-gateway/run_acme_dashboard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })).status).toBe(401);
    expect((await fetch(`${server.url}/.well-known/jwks.json`)).status).toBe(200);

    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'app_gateway_mints_total{result="minted",code="minted"}')).toBe(2);
    expect(sample(text, 'app_gateway_mints_total{result="denied",code="not_found"}')).toBe(1);
    expect(sample(text, 'app_gateway_mints_total{result="denied",code="unauthenticated"}')).toBe(1);
    expect(sample(text, 'app_gateway_mint_duration_seconds_count')).toBe(4);
    expect(sample(text, 'app_gateway_mint_duration_seconds_bucket{le="+Inf"}')).toBe(4);
    expect(sample(text, 'app_gateway_jwks_requests_total{status="200"}')).toBe(1);
    expect(sample(text, 'app_gateway_db_pool_in_use')).toBe(0);
    expect(sample(text, 'app_gateway_db_pool_waiting')).toBe(0);
    expect(sample(text, 'app_gateway_db_pool_max')).toBe(1);
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE app_gateway_revocation_feed_requests_total counter');
    expect(text).not.toContain(apiToken);
  });
});
