import { describe, expect, it } from 'vitest';
import { appOrigin, ARTIFACT_PROXY_DOMAIN, DEMO } from './support/env';
import {
  artifactFrame,
  attributeOf,
  byTestId,
  controlCount,
  expectVerified,
  gateway,
  isMintRequest,
  recordRequests,
  submitSignIn,
  textOf,
  useFirefox,
  waitForPath,
} from './support/pages';

const APP_PATH = '/apps/run_acme_dashboard';
const PLAIN_PATH = '/apps/run_acme_plain';

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
    // bootstrap, which gets no token from the ended viewer.
    await expect.poll(() => attributeOf(plainFrame, '#app-gateway-bootstrap', 'data-state'), { timeout: 15_000 }).toBe('no_viewer');
    expect(await textOf(plainFrame, '#greeting')).toBeNull();
    expect(await attributeOf(plainTab, byTestId('viewer-status'), 'data-state')).toBe('signed_out');
    const plainOrigin = appOrigin('run_acme_plain', ARTIFACT_PROXY_DOMAIN);
    expect(await plainFrame.evaluate(async () => (await fetch('/api/roster')).status)).toBe(401);
    expect(plainFrame.url().startsWith(plainOrigin)).toBe(true);

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
});
