import { env } from '@/lib/platform/config/env';
import { metrics } from './registry';

const MINT_ROUTE = '/v1/app-gateway/{appId}/session';
const JWKS_ROUTE = '/.well-known/jwks.json';
const REVOCATIONS_ROUTE = '/v1/app-gateway/revocations';

export type FinishedRequest = { route: string; status: number; code: string | undefined; seconds: number };

/**
 * Counts a finished request where it matters to the metrics (mints, JWKS, revocation feed). Without
 * METRICS_TOKEN nobody can read them (/metrics answers as an unknown address), so nothing is counted.
 */
export function recordRequest({ route, status, code, seconds }: FinishedRequest): void {
  if (!env().METRICS_TOKEN) return;
  if (route === MINT_ROUTE) {
    const result = status < 300 ? 'minted' : status >= 500 ? 'error' : 'denied';
    const m = metrics();
    m.mints.labels(result, status < 300 ? 'minted' : (code ?? 'internal')).inc();
    m.mintDuration.observe(seconds);
  } else if (route === JWKS_ROUTE) {
    metrics().jwksRequests.labels(String(status)).inc();
  } else if (route === REVOCATIONS_ROUTE) {
    metrics().revocationRequests.labels(String(status)).inc();
  }
}
