import { hkdfSync } from 'node:crypto';

export type ArtifactProxyKeys = {
  /** Signs the proxy's session cookies (HMAC-SHA256). */
  cookieKey: Buffer;
  /** The bearer credential of the proxy's upstream look-ups at the gateway. */
  lookupToken: string;
};

/**
 * Both keys come from one shared secret: ARTIFACT_PROXY_SECRET, or (when unset, as in `npm run dev`)
 * AUTH_SECRET's current secret: the first of its list (env().AUTH_SECRET), never the older ones kept
 * to open session cookies during a rotation. Each is derived with its own HKDF label, so neither can
 * stand in for the other.
 */
export function artifactProxyKeys(secrets: { ARTIFACT_PROXY_SECRET?: string; AUTH_SECRET: string }): ArtifactProxyKeys {
  const secret = secrets.ARTIFACT_PROXY_SECRET ?? secrets.AUTH_SECRET;
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', secret, 'app-gateway', `artifact-proxy ${label}`, 32));
  return { cookieKey: derive('session cookie'), lookupToken: `agwp_${derive('upstream lookup').toString('base64url')}` };
}
