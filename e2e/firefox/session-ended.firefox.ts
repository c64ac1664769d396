import { describe, expect, it } from 'vitest';
import { appOrigin, ARTIFACT_PROXY_DOMAIN, DEMO } from './support/env';
import {
  artifactFrame,
  attributeOf,
  byTestId,
  control,
  controlCount,
  countOf,
  expectVerified,
  gateway,
  isMintRequest,
  recordRequests,
  submitSignIn,
  textOf,
  until,
  useFirefox,
  waitForPath,
} from './support/pages';

const APP_PATH = '/apps/run_acme_dashboard';
const PLAIN_PATH = '/apps/run_acme_plain';
const PLAIN_ORIGIN = appOrigin('run_acme_plain', ARTIFACT_PROXY_DOMAIN);

// SPEC §9: sign-out in one tab reaches the artifacts framed in the others (BroadcastChannel between the
// gateway's tabs, then postMessage into each cross-site frame). A sign-in of this file's own.
describe('alice signs out in one Firefox tab while viewers are open in others', () => {
  const firefox = useFirefox();

  it('the SDK artifact says the session ended, the proxied app drops its session, and each viewer offers sign-in', async () => {
    const viewerTab = await firefox.newPage();
    await viewerTab.goto(gateway(APP_PATH));
    await waitForPath(viewerTab, /^\/signin\?callbackUrl=/);
    await submitSignIn(viewerTab, DEMO.alice.email);
    await waitForPath(viewerTab, APP_PATH);
    const frame = await expectVerified(viewerTab, DEMO.alice.name);

    const plainTab = await firefox.newPage();
    await plainTab.goto(gateway(PLAIN_PATH));
    const plainFrame = await artifactFrame(plainTab);
    await expect.poll(() => textOf(plainFrame, '#greeting'), { timeout: 20_000 }).toBe(`Hello, ${DEMO.alice.name}`);

    const otherTab = await firefox.newPage();
    await otherTab.goto(gateway('/'));
    await expect.poll(() => textOf(otherTab, byTestId('user-name'))).toBe(DEMO.alice.name);
    await (await otherTab.waitForSelector(byTestId('sign-out')))!.click();
    await waitForPath(otherTab, /^\/signin/);

    // The SDK artifact forgets her and says why; its viewer shows the signed-out state.
    await expect.poll(() => textOf(frame, '#status'), { timeout: 15_000 }).toBe('session ended');
    expect(await attributeOf(frame, '#status', 'data-state')).toBe('ended');
    for (const id of ['#viewer-name', '#viewer-email', '#viewer-sub', '#viewer-org']) expect(await textOf(frame, id)).toBe('—');
    await expect.poll(() => attributeOf(viewerTab, byTestId('viewer-status'), 'data-state'), { timeout: 15_000 }).toBe('signed_out');
    expect(await textOf(viewerTab, byTestId('viewer-signed-out'))).toContain('You are signed out');
    expect(await attributeOf(viewerTab, byTestId('viewer-sign-in'), 'href')).toBe(`/signin?callbackUrl=${encodeURIComponent(APP_PATH)}`);

    // The proxied app's page ends its proxy session (the frame's partitioned cookie) and reloads to the
    // bootstrap, which the ended viewer tells that the session ended (SPEC §9's signed-out state).
    await expect.poll(() => attributeOf(plainFrame, '#app-gateway-bootstrap', 'data-state'), { timeout: 15_000 }).toBe('ended');
    expect(await textOf(plainFrame, '#greeting')).toBeNull();
    expect(await attributeOf(plainTab, byTestId('viewer-status'), 'data-state')).toBe('signed_out');
    expect(await plainFrame.evaluate(async () => (await fetch('/api/roster')).status)).toBe(401);
    expect(plainFrame.url().startsWith(PLAIN_ORIGIN)).toBe(true);

    // The artifact asks for a token: the ended viewer answers with the reason again and never mints.
    const requests = recordRequests(viewerTab);
    await (await frame.waitForSelector('#refresh-token'))!.click();
    await viewerTab.bringToFront();
    await viewerTab.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => textOf(frame, '#status')).toBe('session ended');
    expect(await controlCount(viewerTab, 'Renew now')).toBe(0);
    expect(requests.filter(isMintRequest)).toHaveLength(0);

    // Signing in again from the viewer's link opens the app again.
    await (await viewerTab.waitForSelector(byTestId('viewer-sign-in')))!.click();
    await waitForPath(viewerTab, /^\/signin\?callbackUrl=%2Fapps%2Frun_acme_dashboard$/);
    await submitSignIn(viewerTab, DEMO.alice.email);
    await waitForPath(viewerTab, APP_PATH);
    await expectVerified(viewerTab, DEMO.alice.name);
  });

  it('a session ended from another browser: the next renewal is refused (401), the artifact is told, and she is offered sign-in', async () => {
    const viewerTab = await firefox.newPage();
    await viewerTab.goto(gateway('/apps/run_acme_onboarding'));
    const frame = await expectVerified(viewerTab, DEMO.alice.name);

    // Another browser (a context of its own) lists this one by its real user agent and signs it out.
    const elsewhere = await firefox.browser().createBrowserContext();
    try {
      const settings = await elsewhere.newPage();
      await settings.goto(gateway('/signin'));
      await submitSignIn(settings, DEMO.alice.email);
      await waitForPath(settings, '/');
      await settings.goto(gateway('/settings/sessions'));
      await expect.poll(() => textOf(settings, `${byTestId('session-row')}[data-current="true"]`)).toContain('Firefox on Linux');
      await (await control(settings, 'Sign out of all other sessions', byTestId('end-other-sessions')))!.click();
      await (await control(settings, 'Sign out others', '[role="alertdialog"]'))!.click();
      await expect.poll(() => countOf(settings, byTestId('session-row'))).toBe(1);
    } finally {
      await elsewhere.close();
    }

    const requests = recordRequests(viewerTab);
    await (await control(viewerTab, 'Renew now'))!.click();
    await expect.poll(() => attributeOf(viewerTab, byTestId('viewer-status'), 'data-state')).toBe('signed_out');
    const mints = requests.filter(isMintRequest).map((r) => r.response()?.status());
    expect(mints.length).toBeGreaterThan(0);
    expect(mints.every((status) => status === 401), `mint statuses: ${mints.join(', ')}`).toBe(true);
    await expect.poll(() => textOf(frame, '#status')).toBe('session ended');
    expect(await textOf(frame, '#viewer-name')).toBe('—');
    await (await viewerTab.waitForSelector(byTestId('viewer-sign-in')))!.click();
    await waitForPath(viewerTab, /^\/signin\?callbackUrl=%2Fapps%2Frun_acme_onboarding$/);
  });

  it('the header’s Sign out on the proxied app’s viewer ends the app’s session in the frame’s partition too', async () => {
    const page = await firefox.newPage();
    await page.goto(gateway('/signin'));
    await submitSignIn(page, DEMO.alice.email);
    await waitForPath(page, '/');
    await page.goto(gateway(PLAIN_PATH));
    const frame = await artifactFrame(page);
    await expect.poll(() => textOf(frame, '#greeting'), { timeout: 20_000 }).toBe(`Hello, ${DEMO.alice.name}`);
    const requests = recordRequests(page);
    await (await page.waitForSelector(byTestId('sign-out')))!.click();
    await waitForPath(page, /^\/signin/);
    await expect.poll(() => requests.filter((r) => r.method() === 'DELETE' && r.url() === `${PLAIN_ORIGIN}/.app-gateway/session` && r.response()?.status() === 204).length).toBe(1);

    // The same gateway document (the viewer's frame policy still applies) frames the app again, with no
    // viewer to hand it a token: the proxy serves its bootstrap, so no session cookie is left in the partition.
    await page.evaluate((src) => document.body.append(Object.assign(document.createElement('iframe'), { id: 'again', src })), `${PLAIN_ORIGIN}/`);
    const again = (await until(async () => (await page.$('#again'))?.contentFrame() ?? null, (f) => f !== null, 'the new frame’s document'))!;
    await expect.poll(() => attributeOf(again, '#app-gateway-bootstrap', 'data-state')).not.toBeNull();
    expect(await textOf(again, '#greeting')).toBeNull();
  });
});
