import { discoveryDocument } from '@/lib/gateway/keys/discovery';
import { methodsNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// GET /.well-known/app-gateway — issuer, JWKS location, token type, algorithms, lifetime, the feed and the token endpoint
export const GET = route(async () =>
  Response.json(discoveryDocument(), {
    headers: { 'cache-control': 'public, max-age=600', 'access-control-allow-origin': '*' },
  }),
);

export const { POST } = methodsNotAllowed('GET');
