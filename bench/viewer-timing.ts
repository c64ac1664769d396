import { existsSync } from 'node:fs';
import { chromium, type Browser, type FrameLocator } from 'playwright-core';
import { percentile } from './stats';

export type ViewerTiming = { p50: number; p95: number; samples: number[] };

/** What each app shows once it has verified the viewer. */
export const VERIFIED = {
  /** The SDK artifact: its backend verified the token. */
  sdk: (frame: FrameLocator) => frame.locator('#status').filter({ hasText: /^verified$/ }),
  /** The plain page behind the proxy: greeted by the name the proxy passed in X-App-Gateway-User-Name. */
  proxied: (frame: FrameLocator) => frame.locator('#greeting').filter({ hasText: /^Hello, (?!stranger$)/ }),
};


function executablePath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(p));
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: executablePath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Navigation to `/apps/{appId}` until the app in the frame shows `verified`, `loads` times after two
 * warm-up loads, in one page (caches warm, as for a returning viewer). With `dropCookie`, that cookie
 * is cleared and a new tab opened before each load: for a proxied app, its session, so each load is a
 * first visit (the bootstrap page and the session exchange before the app's page). A new tab, because
 * the bootstrap stops reloading after three quick reloads in one tab (its guard against a browser that
 * drops the cookie), and a real viewer does not lose the cookie every second.
 */
export async function viewerTiming(
  browser: Browser,
  gatewayUrl: string,
  cookie: string,
  { appId, verified, loads = 20, dropCookie }: { appId: string; verified: (frame: FrameLocator) => ReturnType<FrameLocator['locator']>; loads?: number; dropCookie?: string },
): Promise<ViewerTiming> {
  const [name, ...value] = cookie.split('=');
  const context = await browser.newContext();
  await context.addCookies([{ name: name!, value: value.join('='), url: gatewayUrl, httpOnly: true, sameSite: 'Lax' }]);
  let page = await context.newPage();
  const samples: number[] = [];
  try {
    for (let i = 0; i < loads + 2; i++) {
      if (dropCookie) {
        await context.clearCookies({ name: dropCookie });
        await page.close();
        page = await context.newPage();
      }
      const started = performance.now();
      await page.goto(`${gatewayUrl}/apps/${appId}`);
      await verified(page.frameLocator('[data-testid="viewer-frame"]')).waitFor({ timeout: 30_000 });
      if (i >= 2) samples.push(Math.round(performance.now() - started)); // two warm-up loads
    }
  } finally {
    await context.close();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), samples };
}
