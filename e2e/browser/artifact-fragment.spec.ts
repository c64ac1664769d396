import { expect, test } from '@playwright/test';
import { mintWithCookie } from './support/admin';
import { appOrigin, DEMO, storageStatePath } from './support/env';
import { expectVerified, isWhoamiRequest, recordRequests } from './support/pages';

// An org member sends a colleague `artifact/#app_token=<own token>`: opened at top level, the
// artifact must not act as the sender (issue #11 item 8).
test.describe('a token in the fragment of a link', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('opened at top level: the page says to open it from the gateway, drops the fragment and never uses the token', async ({ page }) => {
    const minted = await mintWithCookie(page.request, 'run_acme_dashboard');
    expect(minted.status()).toBe(200);
    const { token } = (await minted.json()) as { token: string };

    const requests = recordRequests(page);
    await page.goto(`${appOrigin('run_acme_dashboard')}/#app_token=${token}`);
    await expect(page.locator('#status')).toHaveText('Open this app from the gateway.');
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'error');
    expect(new URL(page.url()).hash).toBe('');
    await expect(page.locator('#viewer-name')).toHaveText('—');
    expect(requests.filter(isWhoamiRequest)).toEqual([]);
    expect(requests.some((r) => r.headers().authorization?.includes(token))).toBe(false);
  });

  test('inside the gateway’s viewer the hand-off still works', async ({ page }) => {
    await page.goto('/apps/run_acme_dashboard');
    await expectVerified(page, DEMO.alice.name);
  });
});
