import { expect, test, type Page } from '@playwright/test';
import { ARTIFACT_PROXY_DOMAIN, appOrigin, DEMO, storageStatePath, TOKEN_TTL_SECONDS } from './support/env';
import { artifact, expectVerified, holdPageScripts, isMintRequest, recordRequests } from './support/pages';

// SPEC §10–11: each app on its own origin; the proxied app verifies nothing itself, the proxy does.
const PLAIN = 'run_acme_plain';
const PLAIN_ORIGIN = appOrigin(PLAIN, ARTIFACT_PROXY_DOMAIN);

/**
 * A real gateway page (same cookie partition as the viewer, and a frame-src that allows the app) that
 * frames the proxied app itself, with no token: the viewer's own mint is blocked.
 */
async function frameWithoutViewer(page: Page) {
  await page.route('**/v1/app-gateway/*/session', (route) => route.abort());
  await page.goto(`/apps/${PLAIN}`);
  // The viewer's code has run (its mint failed): nothing of it renders over the probe any more.
  await expect(page.getByTestId('mint-error')).toBeVisible();
  await page.evaluate((src) => {
    document.getElementById('probe')?.remove();
    const frame = Object.assign(document.createElement('iframe'), { id: 'probe', src });
    document.body.append(frame);
  }, `${PLAIN_ORIGIN}/`);
  return page.frameLocator('#probe');
}

test.describe('alice', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('the proxied app opens before the gateway page’s JavaScript has run: the early token starts its proxy session, the frame is loaded once', async ({ page }) => {
    const requests = recordRequests(page);
    const release = await holdPageScripts(page);
    await page.goto(`/apps/${PLAIN}`, { waitUntil: 'domcontentloaded' });
    // The bootstrap's handshake and the reloaded page's renew script were answered by the page's inline script.
    await expect(artifact(page).locator('#greeting')).toHaveText(`Hello, ${DEMO.alice.name}`);
    await expect(page.getByTestId('viewer-status')).toHaveAttribute('data-state', 'minting');
    release();
    await expect(page.getByTestId('viewer-status')).toHaveAttribute('data-state', 'live');
    expect(requests.filter(isMintRequest)).toHaveLength(1);
    // The viewer framed it once: the bootstrap, then its one reload from the app's own origin.
    const documents = requests.filter((r) => r.resourceType() === 'document' && new URL(r.url()).origin === PLAIN_ORIGIN);
    expect(documents).toHaveLength(2);
    // No token in the app's address.
    const content = await (await page.getByTestId('viewer-frame').elementHandle())!.contentFrame();
    expect(await content!.evaluate(() => location.href)).toBe(`${PLAIN_ORIGIN}/`);
  });

  test('the SDK artifact and the proxied artifact each verify her, on origins of their own', async ({ page }) => {
    await page.goto('/apps/run_acme_dashboard');
    await expectVerified(page, DEMO.alice.name);
    expect(new URL((await page.getByTestId('viewer-frame').getAttribute('src')) ?? '').origin).toBe(appOrigin('run_acme_dashboard'));

    const requests = recordRequests(page);
    const minted = page.waitForResponse((r) => isMintRequest(r.request()) && r.ok());
    await page.goto(`/apps/${PLAIN}`);
    const { token } = (await (await minted).json()) as { token: string };
    const frame = artifact(page);
    await expect(frame.locator('#greeting')).toHaveText(`Hello, ${DEMO.alice.name}`);
    await expect(frame.locator('[data-header="x-app-gateway-user-id"]')).toHaveText(DEMO.alice.id);
    await expect(frame.locator('[data-header="x-app-gateway-user-email"]')).toHaveText(DEMO.alice.email);
    await expect(frame.locator('[data-header="x-app-gateway-org-id"]')).toHaveText('org_acme');
    await expect(frame.locator('[data-header="x-app-gateway-assertion"]')).toHaveCount(0);
    // The demo lets the proxy act for her (SPEC §17): the page shows whom its access token is for, never the token.
    await expect(frame.locator('#acting [data-claim="sub"]')).toHaveText(DEMO.alice.id);
    await expect(frame.locator('#acting [data-claim="scope"]')).toHaveText('runs:read');
    await expect(frame.locator('[data-header="x-app-gateway-access-token"]')).toHaveCount(0);

    // On its own origin, with no token in its address, its page, or anything its scripts can read.
    const content = await (await page.getByTestId('viewer-frame').elementHandle())!.contentFrame();
    const seen = await content!.evaluate(() => {
      let storage: string;
      try {
        storage = JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage });
      } catch {
        storage = 'blocked'; // third-party storage is blocked in this browser
      }
      return { href: location.href, html: document.documentElement.outerHTML, cookie: document.cookie, storage };
    });
    expect(seen.href).toBe(`${PLAIN_ORIGIN}/`);
    for (const value of Object.values(seen)) expect(value).not.toContain(token.split('.')[2]);
    // Bootstrap, then one reload onto the upstream's page; the token only ever in a fragment or the session POST body.
    const documents = requests.filter((r) => r.isNavigationRequest() && r.frame() !== page.mainFrame());
    expect(documents.map((r) => new URL(r.url()).origin)).toEqual([PLAIN_ORIGIN, PLAIN_ORIGIN]);
    for (const request of requests) expect(new URL(request.url()).search).not.toContain(token.split('.')[2]);
  });

  test('the proxy session survives token refreshes without a reload; framed by a gateway page without the viewer it shows only the bootstrap, and once the token expires the app’s own requests are refused', async ({ page, context }) => {
    test.setTimeout((TOKEN_TTL_SECONDS * 3 + 60) * 1000);
    const requests = recordRequests(page);
    const mints: { exp: string }[] = [];
    page.on('response', (r) => void (isMintRequest(r.request()) && r.ok() && r.json().then((b: { exp: string }) => mints.push(b))));
    await page.goto(`/apps/${PLAIN}`);
    const frame = artifact(page);
    await expect(frame.locator('#greeting')).toHaveText(`Hello, ${DEMO.alice.name}`);
    await expect.poll(() => mints.length).toBe(1);
    const firstExp = Date.parse(mints[0]!.exp);

    // Two renewals (at ~80% of 60 s each): by then the first token, and its cookie, would have expired.
    await expect.poll(() => mints.length, { timeout: TOKEN_TTL_SECONDS * 2 * 1000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => Date.now(), { timeout: 20_000, intervals: [1_000] }).toBeGreaterThan(firstExp + 6_000);
    const content = await (await page.getByTestId('viewer-frame').elementHandle())!.contentFrame();
    const again = await content!.evaluate(async () => {
      const response = await fetch('/', { credentials: 'same-origin' });
      return { status: response.status, text: await response.text() };
    });
    expect(again.status).toBe(200);
    expect(again.text).toContain(`Hello, ${DEMO.alice.name}`);
    const documents = requests.filter((r) => r.isNavigationRequest() && r.frame() !== page.mainFrame());
    expect(documents).toHaveLength(2); // the bootstrap and its one reload; never again

    // The viewer closes. Another page of the gateway's site that frames the app, without the viewer's
    // hand-off, gets only the proxy's bootstrap, even while the last token lives…
    const lastExp = Date.parse(mints[mints.length - 1]!.exp);
    await page.close();
    const other = await context.newPage();
    const framed = await frameWithoutViewer(other);
    await expect(framed.locator('#app-gateway-bootstrap')).toHaveAttribute('data-state', 'no_viewer', { timeout: 20_000 });
    await expect(framed.locator('#greeting')).toHaveCount(0);
    // …while the app's own requests (here from its origin, in that frame) carry the session until it expires, and then no longer.
    const probe = other.frames().find((f) => f.url().startsWith(PLAIN_ORIGIN))!;
    const ownFetch = () => probe.evaluate(async () => (await fetch('/', { credentials: 'same-origin' })).status);
    expect(await ownFetch()).toBe(200);
    await expect.poll(() => Date.now(), { timeout: TOKEN_TTL_SECONDS * 1000 + 20_000, intervals: [1_000] }).toBeGreaterThan(lastExp + 1_000);
    expect(await ownFetch()).toBe(401);
  });
});

test.describe('bob, who is only in Globex', () => {
  test.use({ storageState: storageStatePath('bob') });

  test('gets not found for the proxied Acme app, and the proxy serves him nothing', async ({ page }) => {
    const viewer = await page.goto(`/apps/${PLAIN}`);
    expect(viewer?.status()).toBe(404);
    await expect(page.getByTestId('not-found')).toBeVisible();
    await expect(page.getByTestId('viewer-frame')).toHaveCount(0);
    // Straight to the proxy: the bootstrap page, which has no viewer to ask; a fetch gets 401.
    await page.goto(`${PLAIN_ORIGIN}/`);
    await expect(page.locator('#app-gateway-bootstrap')).toHaveAttribute('data-state', 'no_viewer');
    await expect(page.locator('#greeting')).toHaveCount(0);
    expect(await page.evaluate(async () => (await fetch('/api/roster')).status)).toBe(401);
  });
});
