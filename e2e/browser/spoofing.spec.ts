import { expect, test, type Page } from '@playwright/test';
import { appOrigin, DEMO, GATEWAY_URL, storageStatePath } from './support/env';
import { artifact, expectVerified, isMintRequest, isWhoamiRequest, recordRequests } from './support/pages';

test.use({ storageState: storageStatePath('alice') });

/** A real second window on `url`, opened by the viewer page, so it holds a handle to the viewer (its opener). */
async function openSpoofer(viewer: Page, url: string): Promise<Page> {
  const popup = viewer.waitForEvent('popup');
  await viewer.evaluate((href) => void window.open(href, '_blank'), url);
  const page = await popup;
  await page.waitForLoadState();
  expect(new URL(page.url()).origin).toBe(new URL(url).origin);
  expect(await page.evaluate(() => window.opener !== null)).toBe(true);
  return page;
}

/**
 * Counts, in a window, the fetches it starts and the sentinel messages it receives. Added after the
 * page's own listeners, so once a sentinel is counted every message posted before it by the same
 * window has been handled, and whatever fetch that handling started has been counted.
 */
function watchWindow(): void {
  const w = window as unknown as { __fetched: string[]; __sentinels: number };
  w.__fetched = [];
  w.__sentinels = 0;
  const fetchBefore = window.fetch.bind(window);
  window.fetch = (input, init) => {
    w.__fetched.push(input instanceof Request ? input.url : String(input));
    return fetchBefore(input, init);
  };
  window.addEventListener('message', (event) => {
    if ((event.data as { type?: unknown } | null)?.type === 'spoof-sentinel') w.__sentinels++;
  });
}

const FORGED_TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c3JfbWFsbG9yeSJ9.Zm9yZ2Vk';

test('messages from the wrong origin or the wrong window are ignored by the viewer and by the artifact', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('/apps/run_acme_dashboard');
  await expectVerified(page, DEMO.alice.name);
  const frame = artifact(page);
  const expBefore = await frame.locator('#token-exp').innerText();
  const shownAt = Date.now(); // that token was minted by now
  const mintsBefore = requests.filter(isMintRequest).length;
  const whoamiBefore = requests.filter(isWhoamiRequest).length;

  const content = (await (await page.getByTestId('viewer-frame').elementHandle())!.contentFrame())!;
  await page.evaluate(watchWindow);
  await content.evaluate(watchWindow);

  // Right origin (the artifact host's), wrong window: a second page on the artifact origin.
  const sameOriginAsArtifact = await openSpoofer(page, `${appOrigin('run_acme_dashboard')}/healthz`);
  // Wrong origin for the viewer, but the very origin the artifact trusts: a second gateway page.
  const sameOriginAsGateway = await openSpoofer(page, `${GATEWAY_URL}/healthz`);

  for (const spoofer of [sameOriginAsArtifact, sameOriginAsGateway]) {
    await spoofer.evaluate(
      ({ token, artifactOrigin }) => {
        const viewer = window.opener as Window;
        // To the viewer: ask for a token, and report a fake error.
        viewer.postMessage({ type: 'app-gateway:token-request' }, '*');
        viewer.postMessage({ type: 'app-gateway:ready' }, '*');
        viewer.postMessage({ type: 'app-gateway:error', code: 'spoofed', message: 'spoofed error' }, '*');
        // To the artifact (the viewer's first frame): a forged token.
        const message = { type: 'app-gateway:token', token, exp: new Date(Date.now() + 3600_000).toISOString(), expires_in: 3600 };
        viewer.frames[0]!.postMessage(message, artifactOrigin);
        viewer.frames[0]!.postMessage(message, '*');
        // Last, from the same window: once these arrive, everything above has been handled.
        viewer.postMessage({ type: 'spoof-sentinel' }, '*');
        viewer.frames[0]!.postMessage({ type: 'spoof-sentinel' }, '*');
      },
      { token: FORGED_TOKEN, artifactOrigin: appOrigin('run_acme_dashboard') },
    );
  }
  await expect.poll(() => page.evaluate(() => (window as unknown as { __sentinels: number }).__sentinels)).toBe(2);
  await expect.poll(() => content.evaluate(() => (window as unknown as { __sentinels: number }).__sentinels)).toBe(2);
  // Neither window started a request while handling the spoofed messages.
  expect(await page.evaluate(() => (window as unknown as { __fetched: string[] }).__fetched)).toEqual([]);
  expect(await content.evaluate(() => (window as unknown as { __fetched: string[] }).__fetched)).toEqual([]);

  // The viewer minted nothing, showed no error; the artifact made no call with a forged token.
  expect(requests.filter(isMintRequest)).toHaveLength(mintsBefore);
  await expect(page.getByTestId('artifact-error')).toHaveCount(0);
  expect(requests.filter(isWhoamiRequest)).toHaveLength(whoamiBefore);
  await expect(frame.locator('#status')).toHaveText('verified');
  await expect(frame.locator('#viewer-name')).toHaveText(DEMO.alice.name);
  await expect(frame.locator('#token-exp')).toHaveText(expBefore);

  // Control: the same request from the real frame is answered with a fresh token.
  // The viewer answers a token-request within 2 s of its last mint with that same token
  // (session-keeper.ts, REUSE_WINDOW_MS); past it, a fresh mint, whose exp differs by a second or more.
  await expect.poll(() => Date.now(), { intervals: [250] }).toBeGreaterThan(shownAt + 2_000);
  await frame.locator('#refresh-token').click();
  await expect.poll(() => requests.filter(isMintRequest).length).toBe(mintsBefore + 1);
  await expect(frame.locator('#token-exp')).not.toHaveText(expBefore);
  await expect(frame.locator('#status')).toHaveText('verified');
});

test('an error the artifact reports is shown to the viewer', async ({ page }) => {
  await page.goto('/apps/run_acme_dashboard');
  await expectVerified(page, DEMO.alice.name);
  const frameHandle = await page.getByTestId('viewer-frame').elementHandle();
  const frame = (await frameHandle!.contentFrame())!;
  await frame.evaluate(() => window.parent.postMessage({ type: 'app-gateway:error', code: 'demo_failure', message: 'The demo backend is down.' }, '*'));
  const banner = page.getByTestId('artifact-error');
  await expect(banner).toContainText('The demo backend is down.');
  await expect(banner).toHaveAttribute('data-code', 'demo_failure');
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
});
