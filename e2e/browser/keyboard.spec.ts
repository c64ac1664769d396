import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { mintWithCookie } from './support/admin';
import { DEMO, DEMO_PASSWORD, GATEWAY_URL, storageStatePath } from './support/env';
import { expectVisibleFocus, tabTo } from './support/keyboard';
import { artifact, expectVerified } from './support/pages';

// The main flows with the keyboard only (Tab, Shift+Tab, Enter, Space, arrows in a select, typing):
// no clicks. Every Tab stop must show a focus indicator, and when a view replaces what had focus,
// focus lands somewhere sensible.

const main = (page: Page) => page.locator('main');

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('signs in', async ({ page }) => {
    await page.goto('/signin');
    await expect(page.getByLabel('Email')).toBeFocused(); // the form's first field takes focus
    await page.keyboard.type(DEMO.bob.email);
    await tabTo(page, page.getByLabel('Password'));
    await page.keyboard.type(DEMO_PASSWORD);
    await tabTo(page, page.getByRole('button', { name: 'Sign in', exact: true }));
    await page.keyboard.press('Enter');
    await page.waitForURL('/');
    await expect(page.getByTestId('user-name')).toHaveText(DEMO.bob.name);
  });
});

test.describe('carol, acting in Globex', () => {
  test.use({ storageState: storageStatePath('carol') });

  test('switches org from the header, keeping focus on the picker', async ({ page }) => {
    await page.goto('/');
    const picker = page.getByTestId('org-switcher');
    await expect(picker).toHaveValue('org_globex');
    await tabTo(page, picker);
    const acme = page.locator('[data-testid="org-section"][data-org-id="org_acme"]');
    // The picker lists her orgs in a fixed order: one step up or down lands on Acme.
    const options = await picker.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    await page.keyboard.press(options.indexOf('org_acme') < options.indexOf('org_globex') ? 'ArrowUp' : 'ArrowDown');
    await expect(acme).toContainText('Active');
    await expect(picker).toHaveValue('org_acme');
    await expect(picker).toBeFocused();
    await expectVisibleFocus(page);
  });

  test('on an app of another org, focus goes to the switch offer; switching opens the artifact and focus follows', async ({ page }) => {
    await page.goto('/apps/run_acme_dashboard');
    const heading = page.getByTestId('switch-prompt').getByRole('heading');
    await expect(heading).toBeFocused();
    await tabTo(page, page.getByTestId('switch-org'));
    await page.keyboard.press('Enter');
    await expectVerified(page, DEMO.carol.name);
    // Focus is not dropped on the page: it is in the viewer (the frame, or the view's heading on the way there).
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.viewer'))).toBe(true);
  });
});

test.describe('alice', () => {
  test.use({ storageState: storageStatePath('alice'), permissions: ['clipboard-read', 'clipboard-write'] });

  test('opens an app from home and reaches the artifact inside its frame', async ({ page }) => {
    await page.goto('/');
    await tabTo(page, page.locator('[data-app-id="run_acme_dashboard"]').getByRole('link', { name: 'Sales dashboard', exact: true }));
    await page.keyboard.press('Enter');
    await page.waitForURL('/apps/run_acme_dashboard');
    await expectVerified(page, DEMO.alice.name);
    const button = artifact(page).locator('#refresh-token');
    await tabTo(page, button);
    await page.keyboard.press('Enter');
    await expect(artifact(page).locator('#status')).toHaveText('verified');
  });

  test('when the viewer cannot open the app, focus goes to the error heading', async ({ page }) => {
    await page.route('**/v1/app-gateway/*/session', (route) =>
      route.fulfill({ status: 503, contentType: 'application/problem+json', headers: { 'retry-after': '30' }, body: '{"code":"unavailable","status":503,"title":"Service unavailable","detail":"Down."}' }),
    );
    await page.goto('/apps/run_acme_dashboard');
    await expect(page.getByTestId('mint-error').getByRole('heading')).toBeFocused();
    await expect(page.getByTestId('viewer-status')).toContainText('Could not open the app');
  });

  test('runs a test mint, lands on the result, and copies the curl command', async ({ page }) => {
    await page.goto('/admin/test-mint');
    await tabTo(page, page.getByTestId('test-mint-run'));
    await page.keyboard.press('Enter');
    const result = page.getByTestId('test-mint-result');
    await expect(result.getByTestId('verdict')).toContainText('Valid app session token');
    await expect(result).toBeFocused();
    await expectVisibleFocus(page);
    await tabTo(page, page.getByTestId('copy-curl'), { back: true });
    await page.keyboard.press('Space');
    await expect(page.getByTestId('copy-curl')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByTestId('curl-command').innerText());
  });

  test('filters the audit log to minted tokens and exports it', async ({ page }) => {
    expect((await mintWithCookie(page.request, 'run_acme_dashboard')).status()).toBe(200); // at least one minted row
    await page.goto('/admin/audit');
    await tabTo(page, page.getByLabel('Result'));
    await page.keyboard.press('ArrowDown'); // Any result → Minted
    await expect(page.getByLabel('Result')).toHaveValue('minted');
    await tabTo(page, page.getByRole('button', { name: 'Apply filters' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/audit\?.*result=minted/);
    await expect(page.locator('[data-testid="audit-row"]').first()).toHaveAttribute('data-result', 'minted');
    await expect(page.locator('[data-testid="audit-row"][data-result="denied"]')).toHaveCount(0);

    await tabTo(page, page.getByTestId('audit-export'));
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const csv = readFileSync((await (await download).path())!, 'utf8').trimEnd().split('\r\n');
    expect(csv.length).toBeGreaterThan(1);
    for (const line of csv.slice(1)) expect(line).toMatch(/^[^,]+,"minted",/); // text cells are quoted
  });

  test('makes carol an admin and back, through each confirmation', async ({ page }) => {
    await page.goto('/admin/members');
    const carol = page.locator(`[data-testid="member-row"][data-user-id="${DEMO.carol.id}"]`);
    const change = carol.getByTestId('change-role');
    for (const [label, role] of [
      ['Make admin', 'admin'],
      ['Make member', 'member'],
    ] as const) {
      const trigger = change.getByRole('button', { name: label });
      if (!(await trigger.evaluate((el) => el === document.activeElement))) await tabTo(page, trigger);
      await page.keyboard.press('Enter');
      const dialog = change.getByRole('alertdialog');
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused(); // focus moved into the confirmation
      await tabTo(page, dialog.getByRole('button', { name: label }));
      await page.keyboard.press('Enter');
      await expect(carol).toHaveAttribute('data-role', role);
      // Closed: focus is back on the row's trigger, which now offers the opposite change.
      await expect(change.getByRole('button')).toBeFocused();
      await expectVisibleFocus(page);
    }
  });

  test('rotates the signing keys through the confirmation, then revokes the waiting key', async ({ page }) => {
    await page.goto('/admin/keys');
    await expect(page.locator('[data-testid="key-row"][data-state="next"]')).toHaveCount(0);
    await tabTo(page, main(page).getByTestId('rotate-keys').getByRole('button', { name: 'Rotate keys' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('rotate-keys').getByRole('alertdialog');
    await expect(dialog).toContainText('No token stops verifying');
    await tabTo(page, dialog.getByRole('button', { name: 'Rotate', exact: true }));
    await page.keyboard.press('Enter');
    const waiting = page.locator('[data-testid="key-row"][data-state="next"]');
    await expect(waiting).toHaveCount(1);
    const kid = (await waiting.getAttribute('data-kid'))!;
    const jwks = (await (await page.request.get(`${GATEWAY_URL}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toContain(kid);

    // Leave the keys as they were for the rest of the suite: revoke the waiting key, by keyboard too.
    const row = page.locator(`[data-testid="key-row"][data-kid="${kid}"]`);
    await tabTo(page, row.getByTestId('revoke-key').getByRole('button', { name: 'Revoke' }));
    await page.keyboard.press('Enter');
    await tabTo(page, row.getByRole('alertdialog').getByRole('button', { name: 'Revoke key' }));
    await page.keyboard.press('Enter');
    await expect(row).toHaveAttribute('data-state', 'revoked');
  });
});
