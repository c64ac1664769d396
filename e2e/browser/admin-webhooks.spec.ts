import { expect, test, type Locator, type Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { startWebhookReceiver } from '../integration/harness/webhook-receiver';
import { confirmAction, decodeJwt, expectForbidden, mintWithCookie, snap } from './support/admin';
import { storageStatePath } from './support/env';

/** The console shows the state as of the page load: reload until `check` holds (delivery runs in the background). */
async function eventually(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 40_000, intervals: [1_000] });
}

const cell = (row: Locator, n: number) => row.locator('td').nth(n);

test.describe('alice, admin of Acme', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('adds an endpoint (secret shown once), sees a mint delivered, then the receiver down and why; removes it', async ({ page }, testInfo) => {
    const receiver = await startWebhookReceiver();
    try {
      const url = receiver.url(`/e2e-${Date.now()}`);
      await page.goto('/admin');
      await page.getByTestId('admin-nav').getByRole('link', { name: 'Webhooks' }).click();
      await page.waitForURL('/admin/webhooks');
      await page.getByLabel('Endpoint URL').fill(url);
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await expect(page.getByTestId('add-webhook-ok')).toContainText('it is shown only once');
      const secret = (await page.getByTestId('webhook-secret').locator('code').innerText()).trim();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const row = page.locator('[data-testid="webhook-row"]', { hasText: url });
      await expect(row).toHaveAttribute('data-state', 'ok');
      await expect(cell(row, 3)).toHaveText('never');
      await snap(page, testInfo, 'webhook-added');

      // A mint in Acme reaches the receiver, signed with that secret.
      const minted = await mintWithCookie(page.request, 'run_acme_dashboard');
      expect(minted.status()).toBe(200);
      const jti = decodeJwt(((await minted.json()) as { token: string }).token).claims.jti;
      await expect.poll(() => receiver.state.received.find((r) => r.jti === jti), { timeout: 40_000 }).toBeTruthy();
      const delivery = receiver.state.received.find((r) => r.jti === jti)!;
      expect(new Webhook(secret).verify(delivery.body, delivery.headers)).toMatchObject({ type: 'audit.minted', data: { org_id: 'org_acme', app_id: 'run_acme_dashboard' } });

      // Delivered: nothing waiting, a last delivery time, no error; the secret is not on the page any more.
      await eventually(page, async () => {
        await expect(cell(row, 2)).toContainText('0 events', { timeout: 1_000 });
        await expect(cell(row, 3)).toContainText(' UTC', { timeout: 1_000 });
      });
      await expect(cell(row, 1)).toHaveText('Delivering');
      await expect(cell(row, 4)).toHaveText('—');
      expect(await page.content()).not.toContain(secret);

      // The receiver goes down: the next event waits, and the page says why.
      await receiver.close();
      expect((await mintWithCookie(page.request, 'run_acme_dashboard')).status()).toBe(200);
      await eventually(page, async () => {
        await expect(row, 'retrying').toHaveAttribute('data-state', 'failing', { timeout: 1_000 });
      });
      await expect(cell(row, 1)).toHaveText('Retrying');
      // That mint's event at least (another of Acme's, such as a grant that ended by itself, may wait too), counted in good English.
      await expect(cell(row, 2)).toContainText(/^(1 event(?!s)|([02-9]|\d{2,}) events)/);
      const waiting = Number(/^(\d+)/.exec(await cell(row, 2).innerText())![1]);
      await expect(cell(row, 4)).toContainText('connection failed');
      await expect(cell(row, 4)).toContainText(' UTC');
      await snap(page, testInfo, 'webhook-failing');

      await confirmAction(row, 'remove-webhook', waiting === 1 ? 'the 1 event still waiting for it is dropped' : `the ${waiting} events still waiting for it are dropped`);
      await expect(row).toHaveCount(0);
      await page.reload();
      await expect(page.locator('[data-testid="webhook-row"]', { hasText: url })).toHaveCount(0);
    } finally {
      await receiver.close();
    }
  });
});

test.describe('bob, a member of Globex (not an admin)', () => {
  test.use({ storageState: storageStatePath('bob') });

  test('gets the 403 page: no endpoints, no form', async ({ page }) => {
    await expectForbidden(page, '/admin/webhooks', { hidden: ['webhooks-table', 'add-webhook'], unsent: /whk_|whsec_/ });
  });
});
