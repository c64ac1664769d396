import { z } from 'zod';
import { artifactDomainProblem } from '@/lib/gateway/apps/per-app-origin';
import { DEMO_APP_CLIENT_SECRET_DEFAULT, demoAllowance } from '@/lib/gateway/demo/demo-world';
import { isWellFormedClientSecret } from '@/lib/gateway/exchange/credential-secret';

// The artifact host's only reader of process.env. Empty strings count as missing.
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const origin = z.url().transform((u) => new URL(u).origin);
const domain = z.string().trim().refine((v) => artifactDomainProblem(v) === null, { message: 'must be a host name with an optional port' });

const schema = z.object({
  ARTIFACT_HOST_DOMAIN: z.preprocess(blankToUndefined, domain.default('apps.localhost:3100')),
  ARTIFACT_PLAIN_UPSTREAM_URL: z.preprocess(blankToUndefined, origin.default('http://127.0.0.1:3201')),
  APP_URL: z.preprocess(blankToUndefined, origin.default('http://localhost:3000')),
  GATEWAY_JWKS_URL: z.preprocess(blankToUndefined, z.url().optional()),
  GATEWAY_REVOCATION_URL: z.preprocess(blankToUndefined, z.url().optional()),
  ARTIFACT_PLAIN_UPSTREAM_REQUEST_LOG: z.preprocess(blankToUndefined, z.string().optional()),
  DEMO_PLATFORM_API_URL: z.preprocess(blankToUndefined, origin.default('http://127.0.0.1:3202')),
  DEMO_APP_CLIENT_SECRET: z.preprocess(blankToUndefined, z.string().refine(isWellFormedClientSecret, 'must be a client secret: agw_cs_ and 43 letters, digits, _ or -').default(DEMO_APP_CLIENT_SECRET_DEFAULT)),
  GATEWAY_TOKEN_URL: z.preprocess(blankToUndefined, z.url().optional()),
});

export interface ArtifactHostConfig {
  /** Each app's origin is `http://<label>.<domain>/` (SPEC §10); the host routes by `Host`. */
  domain: string;
  listenHost: string;
  listenPort: number;
  /** The gateway origin: the token issuer, the only allowed framer and message sender. */
  gatewayOrigin: string;
  jwksUrl: string;
  /** The revocation feed; undefined = `revocation_endpoint` from the gateway's discovery document. */
  revocationUrl?: string;
  /** The plain demo upstream that the artifact proxy serves (SPEC §11); null = not started. */
  /** `requestLog`: a file that gets one JSON line per request the upstream receives (the browser suite reads it). */
  plainUpstream: { listenHost: string; listenPort: number; origin: string; requestLog?: string } | null;
  /** The demo platform API (SPEC §17): `GET /runs` for an access token to `resource`; null = not started. */
  platformApi: { listenHost: string; listenPort: number; origin: string; resource: string } | null;
  /**
   * The one app whose backend acts for its viewer on the platform API, with its client secret
   * (never sent to a browser); `tokenEndpoint` undefined = from the gateway's metadata. Null = none.
   */
  viewerExchange: { clientId: string; clientSecret: string; tokenEndpoint?: string; scope: string } | null;
}

export function loadArtifactHostConfig(source: Record<string, string | undefined> = process.env): ArtifactHostConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid artifact host configuration:\n${lines.join('\n')}`);
  }
  const { ARTIFACT_HOST_DOMAIN, ARTIFACT_PLAIN_UPSTREAM_URL, APP_URL, GATEWAY_JWKS_URL, GATEWAY_REVOCATION_URL, ARTIFACT_PLAIN_UPSTREAM_REQUEST_LOG } = parsed.data;
  const { DEMO_PLATFORM_API_URL, DEMO_APP_CLIENT_SECRET, GATEWAY_TOKEN_URL } = parsed.data;
  const host = new URL(`http://x.${ARTIFACT_HOST_DOMAIN.replace(/^https?:\/\//i, '')}/`);
  const upstream = new URL(ARTIFACT_PLAIN_UPSTREAM_URL);
  const platformApi = new URL(DEMO_PLATFORM_API_URL);
  return {
    domain: ARTIFACT_HOST_DOMAIN,
    listenHost: listenHostFor(host.hostname),
    listenPort: Number(host.port || (/^https:/i.test(ARTIFACT_HOST_DOMAIN) ? 443 : 80)),
    gatewayOrigin: APP_URL,
    jwksUrl: GATEWAY_JWKS_URL ?? `${APP_URL}/.well-known/jwks.json`,
    revocationUrl: GATEWAY_REVOCATION_URL,
    plainUpstream: {
      listenHost: upstream.hostname.replace(/^\[(.*)\]$/, '$1'),
      listenPort: Number(upstream.port || 80),
      origin: ARTIFACT_PLAIN_UPSTREAM_URL,
      requestLog: ARTIFACT_PLAIN_UPSTREAM_REQUEST_LOG,
    },
    platformApi: {
      listenHost: platformApi.hostname.replace(/^\[(.*)\]$/, '$1'),
      listenPort: Number(platformApi.port || 80),
      origin: DEMO_PLATFORM_API_URL,
      resource: demoAllowance.resourceId,
    },
    viewerExchange: { clientId: demoAllowance.appId, clientSecret: DEMO_APP_CLIENT_SECRET, tokenEndpoint: GATEWAY_TOKEN_URL, scope: demoAllowance.scopes.join(' ') },
  };
}

// Browsers resolve *.localhost to the loopback address; any other domain is served on every interface.
function listenHostFor(hostname: string): string {
  return hostname === 'localhost' || hostname.endsWith('.localhost') ? '127.0.0.1' : '0.0.0.0';
}
