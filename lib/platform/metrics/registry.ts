import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { poolStats } from '@/db/pool-stats';

/**
 * The gateway's Prometheus metrics: counters and a histogram kept in memory (recording is a few
 * additions, never I/O), pool gauges read at scrape time. Kept on globalThis so every route bundle
 * records into, and /metrics reads, the same registry.
 */
function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const mints = new Counter({
    name: 'app_gateway_mints_total',
    help: 'Mint requests by result (minted, denied, error) and code (minted or the refusal code).',
    labelNames: ['result', 'code'] as const,
    registers: [registry],
  });
  const mintDuration = new Histogram({
    name: 'app_gateway_mint_duration_seconds',
    help: 'Time to answer a mint request, from the handler starting to the response being ready.',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const jwksRequests = new Counter({
    name: 'app_gateway_jwks_requests_total',
    help: 'Requests for the JWKS (/.well-known/jwks.json) by HTTP status.',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const revocationRequests = new Counter({
    name: 'app_gateway_revocation_feed_requests_total',
    help: 'Requests for the revocation feed (/v1/app-gateway/revocations) by HTTP status.',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
  gauge('app_gateway_db_pool_in_use', 'Database connections busy with a statement or transaction of this process.', () => poolStats().inUse);
  gauge('app_gateway_db_pool_waiting', 'Statements of this process waiting for a free database connection.', () => poolStats().waiting);
  gauge('app_gateway_db_pool_max', 'Size of this process\'s database connection pool.', () => poolStats().max);
  return { registry, mints, mintDuration, jwksRequests, revocationRequests };
}

const store = globalThis as unknown as { __appGatewayMetrics?: ReturnType<typeof create> };

export function metrics(): ReturnType<typeof create> {
  store.__appGatewayMetrics ??= create();
  return store.__appGatewayMetrics;
}
