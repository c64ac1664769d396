/**
 * The Firefox run's world: the same servers as the Chromium suite (e2e/browser/support/servers.ts) on
 * ports of its own, so both runs (and anyone's dev servers on 3000–3299) can be up at once.
 */
import type { BrowserWorld } from '../../browser/support/servers';

export { DEMO, DEMO_PASSWORD, TOKEN_TTL_SECONDS } from '../../browser/support/env';

export const GATEWAY_URL = 'http://localhost:3400';
const ARTIFACT_HOST_DOMAIN = 'apps.localhost:3401';
export const ARTIFACT_PROXY_DOMAIN = 'proxy.localhost:3402';
const PLAIN_UPSTREAM_URL = 'http://127.0.0.1:3403';
const PLATFORM_API_URL = 'http://127.0.0.1:3404';

/** The world for browserServers(), with this run's fresh database. */
export function firefoxWorld(pgliteDir: string, tokenTtlSeconds: number): BrowserWorld {
  return {
    gatewayUrl: GATEWAY_URL,
    artifactHostDomain: ARTIFACT_HOST_DOMAIN,
    // Node does not resolve *.localhost: the health checks go to the loopback address.
    artifactHostHealthUrl: 'http://127.0.0.1:3401/healthz',
    artifactProxyDomain: ARTIFACT_PROXY_DOMAIN,
    artifactProxyHealthUrl: 'http://127.0.0.1:3402/.app-gateway/healthz',
    plainUpstreamUrl: PLAIN_UPSTREAM_URL,
    platformApiUrl: PLATFORM_API_URL,
    tokenTtlSeconds,
    pgliteDir,
  };
}

/** The origin of an app under an artifact domain (the app id in DNS form, SPEC §10). */
export const appOrigin = (appId: string, domain = ARTIFACT_HOST_DOMAIN) => `http://${appId.toLowerCase().replace(/_/g, '-')}.${domain}`;

/** Where Firefox is: FIREFOX_PATH, else Debian's firefox-esr, else /usr/bin/firefox; null when none is there. */
export function firefoxExecutable(exists: (path: string) => boolean): string | null {
  const candidates = process.env.FIREFOX_PATH ? [process.env.FIREFOX_PATH] : ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
  return candidates.find(exists) ?? null;
}
