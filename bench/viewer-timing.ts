import type { Browser, FrameLocator, Request } from 'playwright-core';
import { median, percentile } from './stats';

export type ViewerTiming = { p50: number; p95: number; samples: number[]; phases?: Record<ProxiedPhase, number> };

/**
 * Where a proxied app's load goes (p50 of each, ms): the gateway's page until it frames the app; the
 * bootstrap (its page, its script, the handshake) until the session POST; the POST until the reload;
 * the reload until the app's page shows the viewer.
 */
type ProxiedPhase = 'gateway' | 'bootstrap' | 'session' | 'page';

/** What each app shows once it has verified the viewer. */
export const VERIFIED = {
  /** The SDK artifact: its backend verified the token. */
  sdk: (frame: FrameLocator) => frame.locator('#status').filter({ hasText: /^verified$/ }),
  /** The plain page behind the proxy: greeted by the name the proxy passed in X-App-Gateway-User-Name. */
  proxied: (frame: FrameLocator) => frame.locator('#greeting').filter({ hasText: /^Hello, (?!stranger$)/ }),
};

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
  {
    appId,
    verified,
    loads = 20,
    dropCookie,
    proxiedOrigin,
  }: { appId: string; verified: (frame: FrameLocator) => ReturnType<FrameLocator['locator']>; loads?: number; dropCookie?: string; proxiedOrigin?: string },
): Promise<ViewerTiming> {
  const [name, ...value] = cookie.split('=');
  const context = await browser.newContext();
  await context.addCookies([{ name: name!, value: value.join('='), url: gatewayUrl, httpOnly: true, sameSite: 'Lax' }]);
  if (process.env.BENCH_VIEWER_DETAIL) await context.addInitScript(watchFrameSrc);
  let page = await context.newPage();
  const samples: number[] = [];
  const phases: Record<ProxiedPhase, number[]> = { gateway: [], bootstrap: [], session: [], page: [] };
  // The proxied app's requests, as the browser sends them: when each step of its load began.
  let marks: { frame?: number; session?: number; reload?: number } = {};
  const mark = (request: Request) => {
    const url = new URL(request.url());
    if (proxiedOrigin === undefined || url.origin !== proxiedOrigin) return;
    if (url.pathname === '/.app-gateway/session' && request.method() === 'POST') marks.session ??= performance.now();
    else if (request.isNavigationRequest()) marks[marks.session === undefined ? 'frame' : 'reload'] ??= performance.now();
  };
  try {
    for (let i = 0; i < loads + 2; i++) {
      if (dropCookie) {
        await context.clearCookies({ name: dropCookie });
        await page.close();
        page = await context.newPage();
      }
      page.on('request', mark);
      marks = {};
      const started = performance.now();
      await page.goto(`${gatewayUrl}/apps/${appId}`);
      await verified(page.frameLocator('[data-testid="viewer-frame"]')).waitFor({ timeout: 30_000 });
      const ended = performance.now();
      if (i < 2) continue; // two warm-up loads
      samples.push(Math.round(ended - started));
      if (process.env.BENCH_VIEWER_DETAIL) await logDetail(page, started, marks.frame);
      const { frame, session, reload } = marks;
      if (frame !== undefined && session !== undefined && reload !== undefined) {
        phases.gateway.push(frame - started);
        phases.bootstrap.push(session - frame);
        phases.session.push(reload - session);
        phases.page.push(ended - reload);
      }
    }
  } finally {
    await context.close();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const ms = (values: number[]) => Math.round(median(values));
  const timed = phases.page.length > 0 ? { phases: { gateway: ms(phases.gateway), bootstrap: ms(phases.bootstrap), session: ms(phases.session), page: ms(phases.page) } } : {};
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), samples, ...timed };
}

/** BENCH_VIEWER_DETAIL=1: the top page's own timeline of one load (ms from the navigation's start). */
async function logDetail(page: import('playwright-core').Page, started: number, frame: number | undefined) {
  const d = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const r = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => `${e.name.replace(location.origin, '').slice(0, 60)} ${Math.round(e.startTime)}-${Math.round(e.responseEnd)} ${e.transferSize}B`);
    const w = window as unknown as { __benchSrcSet?: number; __benchLongTasks?: string[] };
    return { ttfb: Math.round(n.responseStart), html: Math.round(n.responseEnd), dcl: Math.round(n.domContentLoadedEventEnd), srcSet: w.__benchSrcSet ?? null, longTasks: w.__benchLongTasks ?? [], size: n.transferSize, r };
  });
  console.log(JSON.stringify({ frame: frame === undefined ? null : Math.round(frame - started), ...d }));
}

/** In the top page only: when the viewer's frame got its address, and the main thread's long tasks (start+duration). */
function watchFrameSrc() {
  if (window.top !== window) return;
  const w = window as unknown as { __benchSrcSet?: number; __benchLongTasks?: string[] };
  w.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__benchLongTasks!.push(`${Math.round(e.startTime)}+${Math.round(e.duration)}`);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the frame's time alone.
  }
  new MutationObserver((records) => {
    for (const r of records) if (r.attributeName === 'src' && (r.target as Element).tagName === 'IFRAME') w.__benchSrcSet ??= Math.round(performance.now());
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['src'] });
}
