import { expect, test, type Page } from '@playwright/test';
import { mintWithCookie } from './support/admin';
import { DEMO } from './support/env';
import { artifact, expectVerified, homeIn, pageAs } from './support/pages';

// SPEC §12 through the UI: who can open an app, as alice (admin of Acme) sets it and carol (member of Acme) lives it.
const APP = 'run_acme_onboarding';
const TITLE = 'Onboarding checklist';

async function setRule(page: Page, rule: 'Everyone in the org' | 'Admins only' | 'Admins and these members', members: string[] = []) {
  await page.goto(`/admin/apps/${APP}`);
  const form = page.getByTestId('app-access');
  await form.getByRole('radio', { name: rule }).check();
  for (const box of await form.getByRole('checkbox').all()) await box.setChecked(false);
  for (const name of members) await form.getByRole('checkbox', { name }).check();
  await form.getByRole('button', { name: 'Save who can open it' }).click();
  return form;
}

test('alice restricts an app to admins: carol loses it, as if it did not exist, until alice lists her', async ({ browser }) => {
  const alice = await pageAs(browser, 'alice');
  const carol = await pageAs(browser, 'carol');
  const card = carol.locator(`[data-testid="app-card"][data-app-id="${APP}"]`);

  await homeIn(carol, 'org_acme');
  await expect(card).toBeVisible();

  try {
    // Alice: admins only. The page says whom it shuts out.
    const form = await setRule(alice, 'Admins only');
    await expect(alice.getByTestId('app-access-ok')).toHaveText('Saved. Who can open it: admins only. No longer allowed: Carol Chen.');
    await expect(form.getByRole('radio', { name: 'Admins only' })).toBeChecked();

    await alice.goto('/admin/apps');
    await expect(alice.locator(`[data-testid="app-row"][data-app-id="${APP}"]`).getByTestId('who-can-open')).toHaveText('Restricted · admins only');
    await alice.goto('/admin/test-mint');
    await alice.getByTestId('test-mint-app').selectOption(APP);
    await expect(alice.getByTestId('test-mint-restriction')).toContainText('This app is restricted to admins: members would get not found.');
    await alice.getByTestId('test-mint-app').selectOption('run_acme_dashboard');
    await expect(alice.getByTestId('test-mint-restriction')).toHaveCount(0);

    // Carol: gone from home; its URL and the mint say not found, exactly as for an app that does not exist.
    await carol.goto('/');
    await expect(carol.locator('[data-testid="app-card"][data-app-id="run_acme_dashboard"]')).toBeVisible();
    await expect(card).toHaveCount(0);
    expect((await carol.goto(`/apps/${APP}`))?.status()).toBe(404);
    await expect(carol.getByTestId('not-found')).toContainText('App not found');
    await expect(carol.getByText(TITLE)).toHaveCount(0);
    const refused = await mintWithCookie(carol.request, APP);
    const unknown = await mintWithCookie(carol.request, 'run_no_such_app');
    expect(refused.status()).toBe(404);
    const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(withoutInstance(await refused.json())).toEqual(withoutInstance(await unknown.json()));

    // The audit log tells alice who changed what, and why carol was really refused.
    await alice.goto(`/admin/audit?app=${APP}`);
    const change = alice.locator('[data-testid="audit-row"][data-code="access_rule_changed"]').first();
    await expect(change).toContainText('Admin change');
    await expect(change).toContainText(DEMO.alice.name);
    await expect(change.getByTestId('audit-detail')).toHaveText('Who can open: everyone in the org → admins only');
    const denial = alice.locator(`[data-testid="audit-row"][data-code="not_allowed"][data-user-id="${DEMO.carol.id}"]`).first();
    await expect(denial.getByTestId('audit-detail')).toHaveText('Answered not found: the app is open to admins only.');

    // A members rule needs at least one member; nothing is saved without one.
    await setRule(alice, 'Admins and these members');
    await expect(alice.getByTestId('app-access-error')).toHaveText('Nothing was saved.');
    await expect(alice.getByTestId('access-members-error')).toHaveText('Choose at least one member or group, or choose “Admins only”.');

    // Alice lists carol; carol opens it, and the artifact sees her role.
    await setRule(alice, 'Admins and these members', [DEMO.carol.name]);
    await expect(alice.getByTestId('app-access-ok')).toHaveText('Saved. Who can open it: admins and Carol Chen.');
    await carol.goto('/');
    await card.getByRole('link', { name: TITLE, exact: true }).click();
    await carol.waitForURL(`/apps/${APP}`);
    await expectVerified(carol, DEMO.carol.name);
    await expect(artifact(carol).locator('#viewer-role')).toHaveText('member');
  } finally {
    await setRule(alice, 'Everyone in the org');
    await expect(alice.getByTestId('app-access-ok')).toContainText('Who can open it: everyone in the org.');
  }
});

test('the artifact shows an admin her role', async ({ browser }) => {
  const alice = await pageAs(browser, 'alice');
  await alice.goto('/apps/run_acme_dashboard');
  await expectVerified(alice, DEMO.alice.name);
  await expect(artifact(alice).locator('#viewer-role')).toHaveText('admin');
  await expect(artifact(alice).locator('#admin-note')).toBeVisible();
});
