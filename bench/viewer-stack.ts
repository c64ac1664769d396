// The viewer's time in Chromium, for both kinds of app: the SDK artifact on the sample artifact host,
// and the plain page behind the artifact proxy. Host, plain upstream and proxy run on ports of the
// bench's own (3199, 3198, 3197; the demo platform API 3196), away from a running `npm run dev`.
import { launchChromium } from '../e2e/integration/harness/chromium';
import { GatewayClient } from '../e2e/integration/harness/client';
import { start, stop, waitFor } from './processes';
import { VERIFIED, viewerTiming } from './viewer-timing';

export const BENCH_ARTIFACT_DOMAINS = {
  ARTIFACT_HOST_DOMAIN: process.env.BENCH_ARTIFACT_HOST_DOMAIN ?? 'apps.localhost:3199',
  ARTIFACT_PROXY_DOMAIN: process.env.BENCH_ARTIFACT_PROXY_DOMAIN ?? 'proxy.localhost:3197',
  ARTIFACT_PLAIN_UPSTREAM_URL: 'http://127.0.0.1:3198',
  // The demo platform API, which the artifact host serves too.
  DEMO_PLATFORM_API_URL: 'http://127.0.0.1:3196',
  // The proxy may connect to the bench's plain upstream only (read by the gateway and the proxy).
  ARTIFACT_PROXY_UPSTREAMS: '127.0.0.1:3198',
};
const portOf = (domain: string) => domain.split(':')[1] ?? '80';

/** `env` is the running gateway's (its APP_URL and secrets; the domains above, from the seed on). */
export async function viewerTimings(env: NodeJS.ProcessEnv, origin: string, loads = 20): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  const cookie = await new GatewayClient(origin, origin).signIn('alice@acme.test');
  const host = start('npx', ['tsx', 'e2e/artifact-host/server.ts'], env);
  // The proxy reaches the gateway at APP_URL and shares its AUTH_SECRET, hence its keys.
  // BENCH_PROXY_DIR=<another checkout>: the proxy of that checkout instead, to compare two versions.
  const proxyEnv = { ...env, ARTIFACT_PROXY_PORT: '', ARTIFACT_PROXY_GATEWAY_URL: '' };
  const proxy = start('npx', ['tsx', 'lib/artifact-proxy/main.ts'], proxyEnv, process.env.BENCH_PROXY_DIR);
  try {
    await waitFor(`http://127.0.0.1:${portOf(env.ARTIFACT_HOST_DOMAIN!)}/healthz`, host);
    await waitFor(`http://127.0.0.1:${portOf(env.ARTIFACT_PROXY_DOMAIN!)}/.app-gateway/healthz`, proxy);
    const browser = await launchChromium();
    try {
      const proxiedOrigin = `http://run-acme-plain.${env.ARTIFACT_PROXY_DOMAIN}`;
      const runs = {
        viewer: { appId: 'run_acme_dashboard', verified: VERIFIED.sdk },
        proxiedViewer: { appId: 'run_acme_plain', verified: VERIFIED.proxied, proxiedOrigin },
        proxiedViewerFirstVisit: { appId: 'run_acme_plain', verified: VERIFIED.proxied, proxiedOrigin, dropCookie: '__Host-app_gateway_proxy_session' },
      };
      // Each load mints, and mints are limited per viewer and app (30 a minute): a second run on the
      // same app waits until the first one's mints have left the window.
      const lastStarted = new Map<string, number>();
      for (const [key, run] of Object.entries(runs)) {
        const wait = (lastStarted.get(run.appId) ?? -Infinity) + 61_000 - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        lastStarted.set(run.appId, Date.now());
        try {
          results[key] = await viewerTiming(browser, origin, cookie, { ...run, loads });
          console.log(`  ${key}: ${JSON.stringify(results[key])}`);
        } catch (error) {
          results[`${key}Error`] = error instanceof Error ? error.message.split('\n')[0] : String(error);
          console.log(`  ${key} timing failed: ${results[`${key}Error`]}`);
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    await stop(proxy);
    await stop(host);
  }
  return results;
}
