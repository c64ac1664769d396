import { expect, test, type Page } from '@playwright/test';
import { confirmAction, expectForbidden, snap } from './support/admin';
import { expectAccessible } from './support/axe';
import { GATEWAY_URL, storageStatePath } from './support/env';
import { expectVisibleFocus, tabTo } from './support/keyboard';
import { captureAction, replayAction as replay } from './support/replay';

const accountRow = (page: Page, name: string) => page.locator('[data-testid="service-account-row"]', { hasText: name });
const SA_TOKEN = /^agw_sa_[A-Za-z0-9_-]{43}$/;

test.describe('alice, admin of Acme', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('creates a service account (token shown once), issues a second token, revokes a token and then the account', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    // The overview has a card for every tab.
    await page.goto('/admin');
    const tabs = await page.getByTestId('admin-nav').getByRole('link').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    const cards = await page.getByTestId('admin-section-card').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(cards).toEqual(tabs.filter((href) => href !== '/admin'));
    expect(cards).toEqual(expect.arrayContaining(['/admin/webhooks', '/admin/service-accounts', '/admin/platform-log']));
    await page.getByTestId('admin-overview').getByRole('link', { name: /Service accounts/ }).click();
    await page.waitForURL('/admin/service-accounts');
    const name = `Pipeline ${Date.now()}`;
    const form = page.getByTestId('create-service-account');
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Token expires after (days)').fill('30');
    // apps:read and apps:write are ticked to start with; add audit:read.
    await expect(form.getByTestId('sa-scopes-apps:read')).toBeChecked();
    await expect(form.getByTestId('sa-scopes-apps:write')).toBeChecked();
    await form.getByTestId('sa-scopes-audit:read').check();
    await form.getByRole('button', { name: 'Create service account' }).click();

    const box = page.getByTestId('new-sa-token');
    await expect(box).toContainText('shown only this once');
    await expect(box).toBeFocused();
    await expect(box.getByTestId('new-sa-token-copy')).toBeVisible();
    const token = (await page.getByTestId('new-sa-token-secret').innerText()).trim();
    expect(token).toMatch(SA_TOKEN);
    // The form starts over for the next one.
    await expect(form.getByLabel('Name')).toHaveValue('');
    await snap(page, testInfo, 'service-account-created');
    await expectAccessible(page, testInfo, 'service accounts, token shown');

    const row = accountRow(page, name);
    await expect(row).toHaveAttribute('data-state', 'active');
    await expect(row.getByTestId('service-account-scopes')).toHaveText(/apps:read\s*apps:write\s*audit:read/);
    await expect(row).toContainText('by Alice');
    await expect(row.getByTestId('service-account-last-used')).toHaveText('Never');
    const liveTokens = row.getByTestId('live-token');
    await expect(liveTokens).toHaveCount(1);
    await expect(liveTokens.first()).toContainText(`${token.slice(0, 12)}`);
    const firstTokenId = (await liveTokens.first().getAttribute('data-token-id'))!;
    const accountId = (await row.getAttribute('data-service-account-id'))!;
    expect(accountId).toMatch(/^sa_/);

    // Shown once: after a reload, nowhere on the page.
    await page.reload();
    expect(await page.content()).not.toContain(token);

    // The token works against the management API (the API reference's try-it, with the pasted token,
    // and fetch from here); the page then shows it used.
    await page.goto('/docs/api');
    const list = page.locator('[data-testid="operation"][data-operation-id="listApps"]').getByTestId('try-operation');
    await list.getByTestId('try-bearer').fill(`${token}x`);
    await list.getByTestId('try-operation-send').click();
    await expect(list.getByTestId('try-status')).toHaveAttribute('data-status', '401');
    await expect(list.getByTestId('try-code')).toHaveText('unauthenticated');
    await list.getByTestId('try-bearer').fill(token);
    await list.getByTestId('try-operation-send').click();
    await expect(list.getByTestId('try-status')).toHaveAttribute('data-status', '200');
    await expect(list.getByTestId('try-body')).toContainText('run_acme_dashboard');
    await expect(list.getByTestId('try-operation-curl')).toContainText('agw_sa_YOUR_TOKEN');
    await expect(list.getByTestId('try-operation-curl')).not.toContainText(token);
    await expectAccessible(page, testInfo, 'API reference, management try-it answered');
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${GATEWAY_URL}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
    const runId = `run_e2e_sa_${Date.now()}`;
    const registered = await api('/v1/orgs/org_acme/apps', {
      method: 'POST',
      body: JSON.stringify({ id: runId, workflow_id: 'wf_acme_reports', title: 'Registered by a pipeline', artifact_url: null }),
    });
    expect(registered.status).toBe(201);
    expect(((await (await api(`/v1/orgs/org_acme/apps/${runId}`)).json()) as { title: string }).title).toBe('Registered by a pipeline');
    // A service account never mints a viewer token.
    const mint = await api('/v1/app-gateway/run_acme_dashboard/session', { method: 'POST', body: '{}' });
    expect(mint.status).toBeGreaterThanOrEqual(400);
    expect(await mint.text()).not.toContain('"token"');
    await page.goto('/admin/service-accounts');
    await expect(row.getByTestId('service-account-last-used')).toContainText(' UTC');
    // The audit log names the account as the one who registered the app.
    await page.goto(`/admin/audit?app=${runId}`);
    await expect(page.getByTestId('audit-table')).toContainText(name);
    await page.goto('/admin/service-accounts');

    // Rotation: a second token, shown once; with two live tokens there is no third.
    const issue = row.getByTestId('issue-token');
    await issue.getByRole('button', { name: 'New token' }).click();
    await expect(issue.getByLabel('Expires after (days)')).toBeFocused();
    await issue.getByLabel('Expires after (days)').fill('400');
    await issue.getByRole('button', { name: 'Issue token' }).click();
    await expect(issue.getByTestId('issue-token-days-error')).toContainText('from 1 to 365');
    await expect(issue.getByLabel('Expires after (days)')).toHaveValue('400');
    await expectAccessible(page, testInfo, 'service accounts, new token refused');
    await issue.getByLabel('Expires after (days)').fill('7');
    await issue.getByRole('button', { name: 'Issue token' }).click();
    const issuedRow = page.locator(`[data-testid="issued-token-row"][data-service-account-id="${accountId}"]`);
    await expect(issuedRow.getByTestId('issued-token')).toBeFocused();
    const second = (await issuedRow.getByTestId('issued-token-secret').innerText()).trim();
    expect(second).toMatch(SA_TOKEN);
    expect(second).not.toBe(token);
    await expect(liveTokens).toHaveCount(2);
    await expect(issue.getByTestId('token-limit')).toContainText('revoke one to issue another');
    await snap(page, testInfo, 'service-account-rotated');
    await expectAccessible(page, testInfo, 'service accounts, second token shown');

    // The old token goes; the new one stays.
    await confirmAction(row.locator(`[data-testid="live-token"][data-token-id="${firstTokenId}"]`), 'revoke-sa-token', 'other token keeps working');
    await expect(liveTokens).toHaveCount(1);
    await expect(row.locator(`[data-testid="live-token"][data-token-id="${firstTokenId}"]`)).toHaveCount(0);
    await expect(row.getByTestId('service-account-tokens')).toContainText('1 expired or revoked');

    await confirmAction(row, 'revoke-service-account', 'Every token of it is refused (401)');
    await expect(row).toHaveAttribute('data-state', 'revoked');
    await expect(row.getByTestId('live-token')).toHaveCount(0);
    await expect(row.getByTestId('issue-token')).toHaveCount(0);
    // Every token of it is refused from the next request (401, RFC 6750 invalid_token).
    const refused = await fetch(`${GATEWAY_URL}/v1/orgs/org_acme/apps/run_acme_dashboard`, { headers: { authorization: `Bearer ${second}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  test('bad input is explained next to each field, keeps what was typed and ticked, and creates nothing', async ({ page }, testInfo) => {
    await page.goto('/admin/service-accounts');
    const count = await page.getByTestId('service-account-row').count();
    const form = page.getByTestId('create-service-account');
    await form.getByTestId('sa-scopes-apps:read').uncheck();
    await form.getByTestId('sa-scopes-apps:write').uncheck();
    await form.getByLabel('Token expires after (days)').fill('366');
    await form.getByRole('button', { name: 'Create service account' }).click();
    await expect(page.getByTestId('sa-name-error')).toContainText('Give the service account a name');
    await expect(page.getByTestId('sa-scopes-error')).toContainText('Choose at least one scope');
    await expect(page.getByTestId('sa-expiry-error')).toContainText('from 1 to 365');
    await expect(page.getByTestId('create-service-account-error')).toContainText('no service account was created');
    await expectAccessible(page, testInfo, 'service accounts, bad input');

    const name = `Kept ${Date.now()}`;
    await form.getByLabel('Name').fill(name);
    await form.getByTestId('sa-scopes-audit:read').check();
    await form.getByLabel('Token expires after (days)').fill('1.5');
    await form.getByRole('button', { name: 'Create service account' }).click();
    await expect(page.getByTestId('sa-expiry-error')).toContainText('whole number of days');
    await expect(page.getByTestId('sa-name-error')).toHaveCount(0);
    await expect(form.getByLabel('Name')).toHaveValue(name);
    await expect(form.getByTestId('sa-scopes-audit:read')).toBeChecked();
    await expect(form.getByTestId('sa-scopes-apps:read')).not.toBeChecked();
    await expect(form.getByLabel('Token expires after (days)')).toHaveValue('1.5');
    await expect(page.getByTestId('new-sa-token')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('service-account-row')).toHaveCount(count);
  });

  test('the whole form works from the keyboard', async ({ page }) => {
    await page.goto('/admin/service-accounts');
    const form = page.getByTestId('create-service-account');
    await form.getByLabel('Name').focus();
    const name = `Keyboard ${Date.now()}`;
    await page.keyboard.type(name);
    await tabTo(page, form.getByLabel('Token expires after (days)'));
    await tabTo(page, form.getByTestId('sa-scopes-apps:read'));
    await page.keyboard.press('Space'); // untick apps:read
    await expect(form.getByTestId('sa-scopes-apps:read')).not.toBeChecked();
    await tabTo(page, form.getByRole('button', { name: 'Create service account' }));
    await page.keyboard.press('Enter');
    // Focus lands on the token, shown once; the next Tab is its copy button.
    const box = page.getByTestId('new-sa-token');
    await expect(box).toBeFocused();
    await expectVisibleFocus(page);
    await tabTo(page, box.getByTestId('new-sa-token-copy'), { max: 1 });
    await expect(accountRow(page, name).getByTestId('service-account-scopes')).toHaveText('apps:write');
  });
});

test.describe('abuse of the page', () => {
  test.use({ storageState: storageStatePath('alice') });

  async function createAccount(page: Page, name: string) {
    await page.goto('/admin/service-accounts');
    const form = page.getByTestId('create-service-account');
    await form.getByLabel('Name').fill(name);
    await form.getByRole('button', { name: 'Create service account' }).click();
    await expect(page.getByTestId('new-sa-token')).toBeVisible();
    return accountRow(page, name);
  }

  test('a revocation replayed by a member, by an admin of another org or from another site does nothing', async ({ page }) => {
    const row = await createAccount(page, `Replay ${Date.now()}`);
    const revoke = row.getByTestId('revoke-service-account');
    const captured = await captureAction(page, '/admin/service-accounts', async () => {
      await revoke.getByRole('button', { name: 'Revoke' }).click();
      await revoke.getByRole('button', { name: 'Revoke service account' }).click();
    });
    expect((await replay('bob', '/admin/service-accounts', captured)).text).toContain('Only admins of this organization can do that.');
    // Carol administers Globex, where her session acts: Acme's account id is answered like an unknown one.
    expect((await replay('carol', '/admin/service-accounts', captured)).text).toContain('That service account is already revoked, or is not in Globex Corp.');
    const crossSite = await replay('alice', '/admin/service-accounts', captured, 'https://evil.example');
    expect(crossSite.text).not.toContain('Revoked.');
    await page.reload();
    await expect(row).toHaveAttribute('data-state', 'active');
    // The same request from alice's own page does revoke it: the replays were faithful.
    expect((await replay('alice', '/admin/service-accounts', captured)).text).toContain('Revoked.');
    await page.reload();
    await expect(row).toHaveAttribute('data-state', 'revoked');
  });

  test('a form edited to ask for mint or an unknown scope is refused, naming them', async ({ page }) => {
    await page.goto('/admin/service-accounts');
    const count = await page.getByTestId('service-account-row').count();
    const form = page.getByTestId('create-service-account');
    await form.getByLabel('Name').fill(`Escalation ${Date.now()}`);
    await form.evaluate((el: HTMLFormElement) => {
      for (const value of ['mint', 'admin']) {
        const extra = document.createElement('input');
        Object.assign(extra, { type: 'hidden', name: 'scope', value });
        el.append(extra);
      }
    });
    await form.getByRole('button', { name: 'Create service account' }).click();
    await expect(page.getByTestId('sa-scopes-error')).toContainText('Not a scope of a service account: mint, admin');
    await expect(page.getByTestId('new-sa-token')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('service-account-row')).toHaveCount(count);
  });

  test('a name made of markup is shown as text', async ({ page }) => {
    const name = `<img src=x onerror="document.body.dataset.pwned=1"> ${Date.now()}`;
    const row = await createAccount(page, name);
    await expect(row.locator('.cell-main').first()).toHaveText(name);
    await expect(row.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
  });
});

test.describe('bob, a member of Globex (not an admin)', () => {
  test.use({ storageState: storageStatePath('bob') });

  test('gets the same 403 page as the rest of the console: no accounts, no form, no tab', async ({ page }) => {
    await expectForbidden(page, '/admin/service-accounts', { hidden: ['service-accounts-table', 'create-service-account', 'admin-nav'], unsent: /sa_[A-Za-z0-9_-]{16}|agw_sa_[A-Za-z0-9]/ });
  });
});
