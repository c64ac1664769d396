import { env } from '@/lib/platform/config/env';
import { route } from '@/lib/platform/http/route';
import { onAppUrl } from '@/lib/platform/http/wrong-host';

export const dynamic = 'force-dynamic';

const PREFIX = '/api/to-app-url';

// GET /api/to-app-url/{path}?{query} — 307 to /{path}?{query} on APP_URL's origin. In development,
// proxy.ts rewrites pages opened at another host here (only ever to APP_URL: the path is appended).
export const GET = route(async (req) => {
  const url = new URL(req.url);
  // Behind proxy.ts's rewrite, the request keeps its original address; opened directly, it has the prefix.
  const path = url.pathname.startsWith(`${PREFIX}/`) || url.pathname === PREFIX ? url.pathname.slice(PREFIX.length) : url.pathname;
  return new Response(null, { status: 307, headers: { location: onAppUrl(env().APP_URL, `${path}${url.search}`), 'cache-control': 'no-store' } });
});
