import { expect, test, type Browser } from '@playwright/test';
import { DEMO, GATEWAY_URL, storageStatePath } from './support/env';
import { submitSignIn } from './support/pages';

const FIREFOX = 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

/** Another browser, signed in as dave through the form. */
async function signedInElsewhere(browser: Browser, userAgent: string) {
  const context = await browser.newContext({ userAgent, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/signin');
  await submitSignIn(page, DEMO.dave.email);
  await page.waitForURL('/');
  return { context, page };
}

test.describe('settings: sessions', () => {
  // Dave's stored session is "this session" here, so ending the others leaves the one other specs reuse.
  test.use({ storageState: storageStatePath('dave') });

  test('lists where you are signed in, signs out one, then all the others', async ({ page, browser }) => {
    const firefox = await signedInElsewhere(browser, FIREFOX);
    const safari = await signedInElsewhere(browser, SAFARI);

    await page.goto('/settings/tokens');
    await page.getByTestId('settings-nav').getByRole('link', { name: 'Sessions' }).click();
    await page.waitForURL('/settings/sessions');
    const rows = page.getByTestId('session-row');
    await expect(rows.filter({ hasText: 'Firefox on Linux' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'Safari on macOS' })).toHaveCount(1);
    await expect(page.locator('[data-testid="session-row"][data-current="true"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="session-row"][data-current="true"]')).toContainText('This session');
    // The address the browser connected from (localhost: IPv4 or IPv6 loopback).
    await expect(rows.filter({ hasText: 'Firefox on Linux' })).toContainText(/127\.0\.0\.1|::1/);

    // Dave is in no org: a signed-in mint is 404; once his session has ended it is 401.
    const mint = () => firefox.context.request.post('/v1/app-gateway/run_acme_dashboard/session', { headers: { origin: GATEWAY_URL }, data: {} });
    expect((await mint()).status()).toBe(404);

    // One: that browser is signed out at its next page and its next mint.
    const row = rows.filter({ hasText: 'Firefox on Linux' });
    await row.getByRole('button', { name: 'Sign out' }).click();
    await row.getByRole('alertdialog').getByRole('button', { name: 'Sign out' }).click();
    await expect(rows.filter({ hasText: 'Firefox on Linux' })).toHaveCount(0);
    await firefox.page.goto('/settings/sessions');
    await firefox.page.waitForURL(/\/signin\?callbackUrl=/);
    expect((await mint()).status()).toBe(401);
    await safari.page.goto('/settings/sessions');
    await expect(safari.page.getByTestId('session-row')).not.toHaveCount(0);

    // All the others: only this one is left, and this browser stays signed in.
    await page.getByTestId('end-other-sessions').getByRole('button', { name: 'Sign out of all other sessions' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Sign out others' }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-current', 'true');
    await safari.page.reload();
    await safari.page.waitForURL(/\/signin\?callbackUrl=/);
    await page.reload();
    await expect(page.getByTestId('user-name')).toHaveText(DEMO.dave.name);

    await firefox.context.close();
    await safari.context.close();
  });
});

test.describe('admin: members', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('shows each member’s active session count', async ({ page }) => {
    await page.goto('/admin/members');
    const alice = page.locator(`[data-testid="member-row"][data-user-id="${DEMO.alice.id}"]`);
    await expect(alice.getByTestId('member-sessions')).toHaveText(/^[1-9][0-9]*$/);
  });
});
