import { keySnapshot } from '@/lib/gateway/keys/keyring';
import { unavailable } from '@/lib/gateway/errors';
import { methodsNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// GET /.well-known/jwks.json — the public keys artifacts verify tokens with (served from memory while the database is down)
export const GET = route(async () => {
  const keys = await keySnapshot().catch(() => null);
  if (!keys) return unavailable('The keys could not be loaded yet.');
  return Response.json(
    { keys: keys.jwks },
    { headers: { 'cache-control': 'public, max-age=600', 'access-control-allow-origin': '*' } },
  );
});

export const { POST } = methodsNotAllowed('GET');
