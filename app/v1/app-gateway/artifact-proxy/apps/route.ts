import { env } from '@/lib/platform/config/env';
import { artifactProxyKeys } from '@/lib/gateway/apps/artifact-proxy-keys';
import { secretsEqual } from '@/lib/platform/crypto/constant-time-equal';
import { refusal } from '@/lib/gateway/errors';
import { findProxiedAppByOrigin } from '@/lib/gateway/apps/proxied-apps';
import { methodsNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// GET /v1/app-gateway/artifact-proxy/apps?origin=<origin> — the artifact proxy's look-up: which app
// it serves on that origin, the app's org (whose ARTIFACT_PROXY_UPSTREAMS entries apply), its
// upstream URL and, where an org admin turned it on, the app's proxy credential to act for its
// viewers (`actAs`, SPEC §17). Only the proxy holds the look-up credential; viewers never see an upstream.
export const GET = route(async (req) => {
  const bearer = /^Bearer (\S+)$/.exec(req.headers.get('authorization') ?? '')?.[1];
  if (!bearer || !secretsEqual(bearer, artifactProxyKeys(env()).lookupToken)) {
    return refusal('unauthenticated', 'This endpoint is for the artifact proxy only.');
  }
  const origin = new URL(req.url).searchParams.get('origin') ?? '';
  if (!/^https?:\/\/[^/?#\s]{1,300}$/.test(origin)) return refusal('invalid_request', 'origin must be an http(s) origin.');
  const app = await findProxiedAppByOrigin(origin.toLowerCase());
  if (!app) return refusal('not_found', 'No app is served by the artifact proxy on that origin.');
  return Response.json(app, { headers: { 'cache-control': 'no-store' } });
}, '/v1/app-gateway/artifact-proxy/apps');

// Any other method — 405 with Allow: GET
export const { POST } = methodsNotAllowed('GET');
