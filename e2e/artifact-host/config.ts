import { z } from 'zod';

// The artifact host's only reader of process.env. Empty strings count as missing.
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const origin = z.url().transform((u) => new URL(u).origin);

const schema = z.object({
  ARTIFACT_HOST_URL: z.preprocess(blankToUndefined, origin.default('http://127.0.0.1:3100')),
  APP_URL: z.preprocess(blankToUndefined, origin.default('http://localhost:3000')),
  GATEWAY_JWKS_URL: z.preprocess(blankToUndefined, z.url().optional()),
  GATEWAY_REVOCATION_URL: z.preprocess(blankToUndefined, z.url().optional()),
});

export interface ArtifactHostConfig {
  /** This host's public origin; artifact URLs are `${publicOrigin}/apps/{appId}/`. */
  publicOrigin: string;
  listenHost: string;
  listenPort: number;
  /** The gateway origin: the token issuer, the only allowed framer and message sender. */
  gatewayOrigin: string;
  jwksUrl: string;
  /** The revocation feed; undefined = `revocation_endpoint` from the gateway's discovery document. */
  revocationUrl?: string;
}

export function loadArtifactHostConfig(source: Record<string, string | undefined> = process.env): ArtifactHostConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid artifact host configuration:\n${lines.join('\n')}`);
  }
  const { ARTIFACT_HOST_URL, APP_URL, GATEWAY_JWKS_URL, GATEWAY_REVOCATION_URL } = parsed.data;
  const url = new URL(ARTIFACT_HOST_URL);
  return {
    publicOrigin: ARTIFACT_HOST_URL,
    listenHost: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    listenPort: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    gatewayOrigin: APP_URL,
    jwksUrl: GATEWAY_JWKS_URL ?? `${APP_URL}/.well-known/jwks.json`,
    revocationUrl: GATEWAY_REVOCATION_URL,
  };
}
