import { expect, test, type Page } from '@playwright/test';
import { DEMO } from './support/env';
import { artifact, expectVerified, isMintRequest, recordRequests, submitSignIn } from './support/pages';

const APP_PATH = '/apps/run_acme_dashboard';

// A sign-in of its own, not the stored state the other specs share: signing out ends this session only.
test.use({ storageState: { cookies: [], origins: [] } });

async function openSignedIn(page: Page): Promise<void> {
  await page.goto(APP_PATH);
  await page.waitForURL(/\/signin\?callbackUrl=/);
  await submitSignIn(page, DEMO.alice.email);
  await page.waitForURL(APP_PATH);
  await expectVerified(page, DEMO.alice.name);
}

test.describe('alice signs out in one tab while the viewer is open in another', () => {
  test('the artifact in the first tab says the session ended, and the viewer shows the signed-out state', async ({ context }) => {
    const viewerTab = await context.newPage();
    await openSignedIn(viewerTab);

    const otherTab = await context.newPage();
    await otherTab.goto('/');
    await expect(otherTab.getByTestId('user-name')).toHaveText(DEMO.alice.name);
    await otherTab.getByTestId('sign-out').click();
    await otherTab.waitForURL(/\/signin/);

    const frame = artifact(viewerTab);
    await expect(frame.locator('#status')).toHaveText('session ended', { timeout: 15_000 });
    await expect(frame.locator('#status')).toHaveAttribute('data-state', 'ended');
    for (const id of ['#viewer-name', '#viewer-email', '#viewer-sub', '#viewer-org']) await expect(frame.locator(id)).toHaveText('—');

    await expect(viewerTab.getByTestId('viewer-status')).toHaveAttribute('data-state', 'signed_out', { timeout: 15_000 });
    await expect(viewerTab.getByTestId('viewer-signed-out')).toContainText('You are signed out');
    await expect(viewerTab.getByTestId('viewer-sign-in')).toHaveAttribute('href', `/signin?callbackUrl=${encodeURIComponent(APP_PATH)}`);
    const requests = recordRequests(viewerTab);

    // The artifact asks for a token; the ended viewer answers with the reason again, and never mints.
    await frame.locator('#refresh-token').click();
    await expect(frame.locator('#status')).toHaveText('session ended');
    await viewerTab.bringToFront();
    await viewerTab.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect(viewerTab.getByRole('button', { name: 'Renew now' })).toHaveCount(0);
    expect(requests.filter(isMintRequest)).toHaveLength(0);

    await viewerTab.getByTestId('viewer-sign-in').click();
    await viewerTab.waitForURL(/\/signin\?callbackUrl=%2Fapps%2Frun_acme_dashboard$/);
    await submitSignIn(viewerTab, DEMO.alice.email);
    await viewerTab.waitForURL(APP_PATH);
    await expectVerified(viewerTab, DEMO.alice.name);
  });
});
