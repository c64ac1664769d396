import { expect, request as playwrightRequest, test, type Locator, type Page } from '@playwright/test';
import { confirmAction, decodeJwt, mintWithApiToken, snap } from './support/admin';
import { DEMO, storageStatePath } from './support/env';

const tokenRow = (page: Page, id: string) => page.locator(`[data-testid="token-row"][data-token-id="${id}"]`);

/** The token form filled in for Acme Inc with a name of its own (`prefix` and the time): the form and that name. */
async function tokenForAcme(page: Page, prefix: string): Promise<{ form: Locator; name: string }> {
  const form = page.getByTestId('create-token');
  const name = `${prefix} ${Date.now()}`;
  await form.getByLabel('Name (optional)').fill(name);
  await form.getByLabel('Organization').selectOption({ label: 'Acme Inc' });
  return { form, name };
}

test.describe('alice', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('creates an API token for Acme (secret shown once), mints with it, sees it used, revokes it', async ({ page }, testInfo) => {
    await page.goto('/');
    await page.getByTestId('tokens-link').click();
    await page.waitForURL('/settings/tokens');
    const { name } = await tokenForAcme(page, 'e2e');
    await page.getByLabel('Expires after (days)').fill('7');
    await page.getByRole('button', { name: 'Create token' }).click();

    const secretBox = page.getByTestId('new-token');
    await expect(secretBox).toContainText('shown only this once');
    await expect(secretBox).toContainText('Bound to Acme Inc; expires');
    await expect(secretBox.getByTestId('copy-token')).toBeVisible();
    const secret = (await page.getByTestId('new-token-secret').innerText()).trim();
    expect(secret).toMatch(/^agw_[A-Za-z0-9_-]{43}$/);
    await snap(page, testInfo, 'token-created');

    // Listed by its prefix, never in full.
    const row = page.locator('[data-testid="token-row"]', { hasText: name });
    await expect(row).toContainText(`${secret.slice(0, 10)}…`);
    await expect(row).toContainText('Acme Inc');
    await expect(row).toHaveAttribute('data-state', 'active');
    await expect(row.getByTestId('token-last-used')).toHaveText('Never');
    const id = (await row.getAttribute('data-token-id'))!;
    expect(id).toMatch(/^tok_/);

    const api = await playwrightRequest.newContext({ storageState: { cookies: [], origins: [] } });
    const minted = await mintWithApiToken(api, 'run_acme_dashboard', secret);
    expect(minted.status()).toBe(200);
    expect(decodeJwt(((await minted.json()) as { token: string }).token).claims).toMatchObject({ sub: DEMO.alice.id, auth_via: 'api_token', org_id: 'org_acme' });

    await page.reload();
    await expect(page.getByText(secret)).toHaveCount(0);
    await expect(tokenRow(page, id).getByTestId('token-last-used')).toContainText(' UTC');

    await confirmAction(tokenRow(page, id), 'revoke-token', 'refused (401) from its next request');
    await expect(tokenRow(page, id)).toHaveAttribute('data-state', 'revoked');
    const refused = await mintWithApiToken(api, 'run_acme_dashboard', secret);
    expect(refused.status()).toBe(401);
    await api.dispose();
  });

  test('a token is mint-only unless she ticks more; as an admin of Acme she may give it management scopes', async ({ page }) => {
    await page.goto('/settings/tokens');
    const form = page.getByTestId('create-token');
    await expect(form.getByTestId('token-scopes-mint')).toBeChecked();
    await expect(form.getByTestId('token-scopes-apps:read')).not.toBeChecked();
    const { name } = await tokenForAcme(page, 'scoped');
    await form.getByTestId('token-scopes-mint').uncheck();
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByTestId('token-scopes-error')).toContainText('Choose at least one scope');
    await expect(form.getByLabel('Name (optional)')).toHaveValue(name);
    await form.getByTestId('token-scopes-apps:read').check();
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByTestId('new-token')).toContainText('scopes apps:read');
    const row = page.locator('[data-testid="token-row"]', { hasText: name });
    await expect(row.getByTestId('token-scopes')).toHaveText('apps:read');
    // A token made without touching the scopes mints, as every token always did.
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByTestId('new-token')).toContainText('scopes mint');
  });

  test('bad input is explained next to the field, and no token is created', async ({ page }) => {
    await page.goto('/settings/tokens');
    const count = await page.getByTestId('token-row').count();
    const form = page.getByTestId('create-token');
    for (const days of ['0', 'abc', '366', '1.5']) {
      const seq = Number(await form.getAttribute('data-seq'));
      await page.getByLabel('Expires after (days)').fill(days);
      await page.getByRole('button', { name: 'Create token' }).click();
      await expect(form).toHaveAttribute('data-seq', String(seq + 1)); // this submission's answer, not the last one's
      await expect(page.getByTestId('token-expiry-error')).toContainText('Enter a whole number of days from 1 to 365');
      await expect(page.getByLabel('Expires after (days)')).toHaveValue(days);
    }
    await page.getByLabel('Expires after (days)').fill('');
    await page.getByLabel('Name (optional)').fill('x'.repeat(101));
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByTestId('token-name-error')).toHaveText('Keep the name under 100 characters.');
    await expect(page.getByTestId('new-token')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('token-row')).toHaveCount(count);
  });
});

test.describe('bob', () => {
  test.use({ storageState: storageStatePath('bob') });

  test('cannot bind a token to an org he is not in, nor give it a management scope, even by editing the form', async ({ page }) => {
    await page.goto('/settings/tokens');
    await expect(page.getByTestId('create-token').getByLabel('Organization').locator('option')).toHaveText(['Globex Corp']);
    // A member, not an admin: only mint is offered.
    await expect(page.getByTestId('token-scopes').getByRole('checkbox')).toHaveCount(1);
    await expect(page.getByTestId('token-scopes-mint')).toBeChecked();
    // Adding a management scope to the form by hand is refused: he administers no org.
    await page.getByTestId('token-scopes').evaluate((el) => {
      const extra = document.createElement('input');
      Object.assign(extra, { type: 'checkbox', name: 'scope', value: 'apps:write', checked: true });
      el.append(extra);
    });
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByTestId('token-scopes-error')).toHaveText('Only admins of Globex Corp can give a token management scopes (apps:write).');
    await expect(page.getByTestId('new-token')).toHaveCount(0);
    await page.getByTestId('create-token').getByLabel('Organization').evaluate((select: HTMLSelectElement) => {
      select.add(new Option('Acme Inc', 'org_acme', true, true));
    });
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByTestId('token-org-error')).toHaveText('Choose one of your organizations.');
    await expect(page.getByTestId('new-token')).toHaveCount(0);
    await expect(page.locator('[data-testid="token-row"]', { hasText: 'Acme' })).toHaveCount(0);
  });
});

test.describe('carol, admin of Globex and a member of Acme', () => {
  test.use({ storageState: storageStatePath('carol') });

  test('gets management scopes for Globex only: for Acme the form says why and keeps what she chose', async ({ page }) => {
    await page.goto('/settings/tokens');
    const { form, name } = await tokenForAcme(page, 'carol');
    await form.getByTestId('token-scopes-apps:write').check();
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByTestId('token-scopes-error')).toHaveText('Only admins of Acme Inc can give a token management scopes (apps:write).');
    await expect(form.getByTestId('token-scopes-apps:write')).toBeChecked();
    await expect(form.getByTestId('token-scopes-mint')).toBeChecked();
    await expect(form.getByLabel('Organization')).toHaveValue('org_acme');
    await expect(page.getByTestId('new-token')).toHaveCount(0);
    await form.getByLabel('Organization').selectOption({ label: 'Globex Corp' });
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByTestId('new-token')).toContainText('Bound to Globex Corp');
    await expect(page.locator('[data-testid="token-row"]', { hasText: name }).getByTestId('token-scopes')).toHaveText(/mint\s*apps:write/);
  });
});

test.describe('dave', () => {
  test.use({ storageState: storageStatePath('dave') });

  test('in no organization, is told why he cannot create a token', async ({ page }) => {
    await page.goto('/settings/tokens');
    await expect(page.getByTestId('no-org-for-tokens')).toBeVisible();
    await expect(page.getByTestId('create-token')).toHaveCount(0);
  });
});
