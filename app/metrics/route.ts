import { notFound } from 'next/navigation';
import { metricsAuthorized } from '@/lib/platform/metrics/metrics-auth';
import { metrics } from '@/lib/platform/metrics/registry';

export const dynamic = 'force-dynamic';

// GET /metrics — Prometheus text for a scraper holding METRICS_TOKEN; anyone else finds nothing here
export async function GET(req: Request): Promise<Response> {
  // proxy.ts already answers refused scrapes with the site's own 404 page; this is the check that counts.
  if (!metricsAuthorized(req.headers.get('authorization'))) notFound();
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}
