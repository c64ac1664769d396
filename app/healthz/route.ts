import type { z } from 'zod';
import { health } from '@/lib/gateway/health';
import type { Health } from '@/lib/platform/http/contract';
import { route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

const state = (ok: boolean) => (ok ? 'ok' : 'unavailable');

// GET /healthz — 200 when the database answers, else 503; `checks` says how each part is doing
export const GET = route(async () => {
  const h = await health();
  // Only the database decides the status: an unusable signing key is the same on every instance
  // (mints answer 503, the log says signing_key_unusable), so taking instances out gains nothing.
  const body: z.infer<typeof Health> = { status: state(h.database), checks: { database: state(h.database), signing_key: state(h.signingKey) } };
  return Response.json(body, {
    status: h.database ? 200 : 503,
    headers: { 'cache-control': 'no-store', ...(h.database ? {} : { 'retry-after': '5' }) },
  });
});
