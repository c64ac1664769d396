import { expect, test } from '@playwright/test';
import { DEMO, GATEWAY_URL } from './support/env';
import { expectVerified, submitSignIn } from './support/pages';

test.describe('signed out', () => {
  test('opening an app goes to sign-in, then back to the app', async ({ page }) => {
    await page.goto('/apps/run_acme_dashboard');
    await page.waitForURL(/\/signin\?callbackUrl=/);
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/apps/run_acme_dashboard');

    await submitSignIn(page, DEMO.alice.email);
    await page.waitForURL('/apps/run_acme_dashboard');
    await expectVerified(page, DEMO.alice.name);
  });

  test('a wrong password says so and keeps the typed email', async ({ page }, testInfo) => {
    await page.goto('/signin');
    await expect(page.getByTestId('demo-logins')).toContainText('demo-password');
    await submitSignIn(page, DEMO.alice.email, 'not-the-password');
    await expect(page.getByTestId('signin-error')).toContainText('don’t match');
    await expect(page.getByLabel('Email')).toHaveValue(DEMO.alice.email);
    await expect(page).toHaveURL(/\/signin/);
    await testInfo.attach('signin-error', { body: await page.screenshot(), contentType: 'image/png' });

    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL('/');
    await expect(page.getByTestId('user-name')).toHaveText(DEMO.alice.name);
  });

  for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
    test(`callbackUrl ${evil} is ignored: sign-in lands on the gateway's home`, async ({ page }) => {
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(evil)}`);
      await submitSignIn(page, DEMO.bob.email);
      await page.waitForURL('/');
      expect(new URL(page.url()).origin).toBe(GATEWAY_URL);
    });
  }

  test('home sends a signed-out visitor to sign-in', async ({ page }) => {
    await page.goto('/');
    await page.waitForURL(/\/signin/);
    await expect(page.getByTestId('signin-form')).toBeVisible();
  });
});

test.describe('signing out', () => {
  test('ends the session on the server: a copy of the old cookie is sent to sign-in and refused a token', async ({ page, browser }) => {
    // A sign-in of its own: the stored demo sessions other specs reuse must stay on.
    await page.goto('/signin');
    await submitSignIn(page, DEMO.bob.email);
    await page.waitForURL('/');
    await expect(page.getByTestId('user-name')).toHaveText(DEMO.bob.name);
    const copied = await page.context().cookies();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/signin/);
    await page.goto('/apps/run_globex_tracker');
    await page.waitForURL(/\/signin\?callbackUrl=/);

    const thief = await browser.newContext({ storageState: { cookies: copied, origins: [] } });
    const copy = await thief.newPage();
    await copy.goto('/apps/run_globex_tracker');
    await copy.waitForURL(/\/signin\?callbackUrl=/);
    const mint = await thief.request.post('/v1/app-gateway/run_globex_tracker/session', { headers: { origin: GATEWAY_URL }, data: {} });
    expect(mint.status()).toBe(401);
    await thief.close();
  });
});
