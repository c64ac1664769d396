import { env } from '@/lib/platform/config/env';
import { artifactProxyKeys, type ArtifactProxyKeys } from '@/lib/gateway/apps/artifact-proxy-keys';
import type { UpstreamAllowList } from '@/lib/gateway/apps/upstream-allowlist';

export interface ArtifactProxyConfig {
  /** Each proxied app is served at `<scheme>//<label>.<host>/`. */
  domain: string;
  scheme: 'http:' | 'https:';
  listenHost: string;
  listenPort: number;
  /** The gateway's public origin: the token issuer, the only framer, the only message sender. */
  gatewayOrigin: string;
  /** Where the proxy reaches the gateway: its JWKS and the upstream look-up. */
  gatewayUrl: string;
  keys: ArtifactProxyKeys;
  /** `Secure` on the session cookie: https, or a *.localhost origin (which browsers treat as secure). */
  secureCookies: boolean;
  /** Proxies in front that append to X-Forwarded-For (TRUSTED_PROXY_COUNT, as for the gateway); 0 or unset: the socket's peer is the client. */
  trustedProxies?: number;
  /** Where the proxy may connect (ARTIFACT_PROXY_UPSTREAMS), checked at every connection. */
  upstreams: UpstreamAllowList;
}

/** The proxy's configuration, from the one env module. */
export function loadArtifactProxyConfig(): ArtifactProxyConfig {
  const e = env();
  const https = /^https:\/\//i.test(e.ARTIFACT_PROXY_DOMAIN);
  const domain = e.ARTIFACT_PROXY_DOMAIN.replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase();
  const sample = new URL(`${https ? 'https' : 'http'}://x.${domain}/`);
  const local = sample.hostname.endsWith('.localhost');
  return {
    domain,
    scheme: https ? 'https:' : 'http:',
    listenHost: local ? '127.0.0.1' : '0.0.0.0',
    listenPort: e.ARTIFACT_PROXY_PORT ?? (sample.port ? Number(sample.port) : 3200),
    gatewayOrigin: e.APP_URL,
    gatewayUrl: e.ARTIFACT_PROXY_GATEWAY_URL ?? e.APP_URL,
    keys: artifactProxyKeys(e),
    secureCookies: https || local,
    trustedProxies: e.TRUSTED_PROXY_COUNT,
    upstreams: e.ARTIFACT_PROXY_UPSTREAMS,
  };
}
