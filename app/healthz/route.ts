import { databaseAnswers } from '@/lib/gateway/health';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// GET /healthz — 200 when the database answers, else 503
export const GET = route(async () => {
  const ok = await databaseAnswers();
  return Response.json(ok ? { status: 'ok' } : { status: 'unavailable' }, {
    status: ok ? 200 : 503,
    headers: { 'cache-control': 'no-store', ...(ok ? {} : { 'retry-after': '5' }) },
  });
});
