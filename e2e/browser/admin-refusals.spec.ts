import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { mintWithCookie, registerApp, snap } from './support/admin';
import { DEMO, GATEWAY_URL, storageStatePath } from './support/env';
import { captureAction, replayAction as replay } from './support/replay';

const ORG_PAGES = ['/admin', '/admin/apps', '/admin/test-mint', '/admin/inspect', '/admin/audit', '/admin/members', '/admin/groups', '/admin/invitations', '/admin/webhooks', '/admin/service-accounts'];
const DATA = [
  'apps-table',
  'audit-table',
  'members-table',
  'invitations-table',
  'invite',
  'keys-table',
  'test-mint-app',
  'inspect-form',
  'admin-overview',
  'admin-nav',
  'webhooks-table',
  'service-accounts-table',
  'create-service-account',
  'create-group',
  'group',
];

async function expectForbidden(page: Page, path: string, title: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(403);
  await expect(page.getByTestId('forbidden'), path).toContainText(title);
  await expect(page.getByTestId('forbidden'), path).toContainText('403');
  for (const id of DATA) await expect(page.getByTestId(id), `${path} ${id}`).toHaveCount(0);
  // No app, workflow, member or key of any org: not on the page, not in the data sent with it.
  expect(await page.locator('main').innerText(), path).not.toMatch(/run_|wf_|usr_/);
  expect(await page.content(), path).not.toMatch(/Sales dashboard|Ops tracker|Weekly reports|wf_|usr_|"kid"/);
}

test.describe('bob, a member of Globex', () => {
  test.use({ storageState: storageStatePath('bob') });

  test('gets a clear 403 page and no data on every console page, and no Admin link', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page.getByTestId('admin-link')).toHaveCount(0);
    await expect(page.getByTestId('tokens-link')).toBeVisible();
    for (const path of ORG_PAGES) await expectForbidden(page, path, 'Admins only');
    await expectForbidden(page, '/admin/keys', 'Platform admins only');
    await expectForbidden(page, '/admin/platform-log', 'Platform admins only');
    await expectForbidden(page, '/admin/resources', 'Platform admins only');
    await expectForbidden(page, '/admin/apps/run_acme_dashboard', 'Admins only');
    await snap(page, testInfo, 'forbidden');
  });
});

test.describe('replayed console actions', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('an action alice could run does nothing for bob, nothing in Acme for carol, and nothing from another site', async ({ page }) => {
    const id = await registerApp(page, { title: `E2E replay ${Date.now()}`, workflow: 'Weekly reports' });
    const row = page.locator(`[data-testid="app-row"][data-app-id="${id}"]`);
    const del = row.getByTestId('delete-app');
    const captured = await captureAction(page, '/admin/apps', async () => {
      await del.getByRole('button', { name: 'Delete' }).click();
      await del.getByRole('button', { name: 'Delete app' }).click();
    });

    // Bob: not an admin. Carol: an admin, but of Globex, which is where her session acts.
    const asBob = await replay('bob', '/admin/apps', captured);
    expect(asBob.text).toContain('Only admins of this organization can do that.');
    const asCarol = await replay('carol', '/admin/apps', captured);
    expect(asCarol.text).toContain('This app is not in Globex Corp, or it was already deleted.');
    // Alice's own session, from another site: Next.js refuses before the action runs.
    const crossSite = await replay('alice', '/admin/apps', captured, 'https://evil.example');
    expect(crossSite.status).toBe(500);
    expect(crossSite.text).not.toContain('Deleted.');

    await page.goto('/admin/apps');
    await expect(row).toBeVisible();
    expect((await mintWithCookie(page.request, id)).status()).toBe(200);

    // The same request from alice herself, from her own page, does delete it: the replay was a faithful one.
    const asAlice = await replay('alice', '/admin/apps', captured);
    expect(asAlice.text).toContain('Deleted.');
    expect((await mintWithCookie(page.request, id)).status()).toBe(404);
  });
});

test.describe('carol, admin of Globex (and a member of Acme)', () => {
  test.use({ storageState: storageStatePath('carol') });

  test('sees Globex only: its apps, members and audit rows, nothing of Acme, and no keys page', async ({ page }) => {
    // Bob opens Globex's tracker, so Globex's log has a row.
    const bob = await playwrightRequest.newContext({ baseURL: GATEWAY_URL, storageState: storageStatePath('bob') });
    expect((await mintWithCookie(bob, 'run_globex_tracker')).status()).toBe(200);
    await bob.dispose();

    await page.goto('/');
    await expect(page.getByTestId('admin-link')).toBeVisible();
    await page.goto('/admin/apps');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Globex Corp');
    await expect(page.locator('[data-testid="app-row"][data-app-id="run_globex_tracker"]')).toBeVisible();
    for (const appId of await page.getByTestId('app-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-app-id')))) {
      expect(appId).not.toMatch(/^run_acme_/);
    }
    expect(await page.content()).not.toMatch(/run_acme_|Sales dashboard|Weekly reports/);
    const edit = await page.goto('/admin/apps/run_acme_dashboard');
    expect(edit?.status()).toBe(404);

    await page.goto('/admin/members');
    const members = await page.getByTestId('member-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-user-id')));
    expect(members.sort()).toEqual([DEMO.bob.id, DEMO.carol.id]);

    await page.goto('/admin/audit');
    await expect(page.locator('[data-testid="audit-row"][data-app-id="run_globex_tracker"]').first()).toBeVisible();
    for (const appId of await page.getByTestId('audit-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-app-id')))) {
      expect(appId).not.toMatch(/^run_acme_/);
    }
    await expect(page.getByTestId('filter-app').locator('option')).not.toContainText(['Sales dashboard']);
    // Asking for Acme's app by id in the URL is refused, not answered.
    await page.goto('/admin/audit?app=run_acme_dashboard');
    await expect(page.getByTestId('filter-app-error')).toHaveText('Not an app of Globex Corp.');
    const csv = await (await page.request.get('/admin/audit/export')).text();
    expect(csv).toContain('run_globex_tracker');
    expect(csv).not.toContain('run_acme_');

    expect((await page.goto('/admin/keys'))?.status()).toBe(403);
    await expect(page.getByTestId('forbidden')).toContainText('Platform admins only');
    await expect(page.getByTestId('keys-table')).toHaveCount(0);
    expect((await page.goto('/admin/platform-log'))?.status()).toBe(403);
    await expect(page.getByTestId('audit-table')).toHaveCount(0);
    await page.goto('/admin');
    await expect(page.getByTestId('admin-overview')).not.toContainText('Signing keys');
  });

  test('acting in Acme, where she is only a member, gets the 403 page', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('org-switcher').selectOption('org_acme');
    await expect(page.getByTestId('admin-link')).toHaveCount(0);
    await expectForbidden(page, '/admin/audit', 'Admins only');
    await expectForbidden(page, '/admin/groups', 'Admins only');
  });
});

test.describe('dave, in no organization', () => {
  test.use({ storageState: storageStatePath('dave') });
  test('is told he acts in no organization', async ({ page }) => {
    await expectForbidden(page, '/admin/members', 'You are not acting in an organization');
  });
});

test('signed out, the console sends you to sign in and back', async ({ page }) => {
  await page.goto('/admin/audit');
  await page.waitForURL(/\/signin\?callbackUrl=%2Fadmin%2Faudit$/);
});
