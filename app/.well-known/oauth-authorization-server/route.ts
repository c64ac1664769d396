import { authorizationServerMetadata } from '@/lib/gateway/keys/discovery';
import { methodsNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// GET /.well-known/oauth-authorization-server — RFC 8414 metadata: issuer, token endpoint, JWKS, the token-exchange grant, client_secret_basic
export const GET = route(async () =>
  Response.json(authorizationServerMetadata(), {
    headers: { 'cache-control': 'public, max-age=600', 'access-control-allow-origin': '*' },
  }),
);

export const { POST } = methodsNotAllowed('GET');
