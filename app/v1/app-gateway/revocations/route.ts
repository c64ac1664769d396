import { madeBy } from '@/lib/gateway/errors';
import { revocationFeed } from '@/lib/gateway/revocations/feed';
import { methodsNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// GET /v1/app-gateway/revocations?after=<cursor> — the public revocation feed (no credentials, no personal data)
export const GET = route(async (req) => {
  const read = await revocationFeed(new URL(req.url).searchParams.getAll('after'));
  if (!read.ok) return read;
  return Response.json(madeBy(read), { headers: { 'cache-control': 'no-store', 'access-control-allow-origin': '*' } });
}, '/v1/app-gateway/revocations');

// Any other method on the feed — 405 with Allow: GET
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed('GET');
