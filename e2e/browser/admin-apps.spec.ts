import { expect, test } from '@playwright/test';
import { confirmAction, deleteApp, mintWithCookie, registerApp, snap } from './support/admin';
import { appOrigin, DEMO, storageStatePath } from './support/env';
import { expectVerified } from './support/pages';

test.use({ storageState: storageStatePath('alice') });

const row = (page: import('@playwright/test').Page, id: string) => page.locator(`[data-testid="app-row"][data-app-id="${id}"]`);

test('alice sees Acme’s apps with workflow, access, artifact state and last mint — and nothing of Globex', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('admin-link').click();
  await page.waitForURL('/admin');
  await expect(page.getByTestId('admin-overview')).toContainText('Signing keys');
  await page.getByRole('link', { name: 'Apps', exact: true }).click();
  await page.waitForURL('/admin/apps');

  await expect(row(page, 'run_acme_dashboard')).toContainText('Sales dashboard');
  await expect(row(page, 'run_acme_dashboard')).toContainText('Weekly reports');
  await expect(row(page, 'run_acme_dashboard')).toContainText('Login required');
  await expect(row(page, 'run_acme_dashboard')).toContainText('Ready');
  await expect(row(page, 'run_acme_onboarding')).toContainText('Onboarding');
  await expect(row(page, 'run_acme_public')).toContainText('Public');
  await expect(row(page, 'run_acme_building')).toContainText('Building');
  await expect(row(page, 'run_globex_tracker')).toHaveCount(0);
  await expect(page.getByTestId('apps-table')).not.toContainText('Globex');
});

test('bad input gets a message next to each field and registers nothing', async ({ page }) => {
  await page.goto('/admin/apps');
  const before = await page.getByTestId('app-row').count();
  const form = page.getByTestId('register-app');
  await form.getByLabel('Artifact URL').fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Register app' }).click();
  await expect(page.getByTestId('register-app-title-error')).toHaveText('Give the app a title.');
  await expect(page.getByTestId('register-app-workflowId-error')).toHaveText('Choose a workflow.');
  await expect(page.getByTestId('register-app-artifactUrl-error')).toContainText('Only http:// and https:// URLs');
  await expect(page.getByTestId('register-app-error')).toContainText('nothing was saved');
  // What was typed is kept.
  await expect(form.getByLabel('Artifact URL')).toHaveValue('javascript:alert(1)');

  // Same site as the gateway: it could reach the gateway's cookies, so it is refused.
  await form.getByLabel('Title').fill('Same-site artifact');
  await form.getByLabel('Workflow').selectOption({ label: 'Onboarding' });
  await form.getByLabel('Artifact URL').fill('http://localhost:3999/apps/x/');
  await form.getByRole('button', { name: 'Register app' }).click();
  await expect(page.getByTestId('register-app-artifactUrl-error')).toContainText('different site from the gateway');
  await expect(page.getByTestId('register-app-title-error')).toHaveCount(0);
  await expect(form.getByLabel('Title')).toHaveValue('Same-site artifact');

  await page.reload();
  await expect(page.getByTestId('app-row')).toHaveCount(before);
});

test('register (still building) → edit to ready → open in the viewer → last mint shown → soft-delete → the mint answers 404', async ({ page }, testInfo) => {
  const title = `E2E app ${Date.now()}`;
  const id = await registerApp(page, { title, workflow: 'Onboarding' });
  await expect(row(page, id)).toContainText('Building');
  await expect(row(page, id)).toContainText('Onboarding');
  await expect(row(page, id).getByTestId('last-mint')).toHaveText('Never');

  // Edit: the artifact is ready now, and public.
  await row(page, id).getByRole('link', { name: 'Edit' }).click();
  await page.waitForURL(`/admin/apps/${id}`);
  const edit = page.getByTestId('edit-app');
  await expect(edit.getByLabel('Title')).toHaveValue(title);
  await edit.getByLabel('Title').fill(`${title} (ready)`);
  await edit.getByLabel('Access').selectOption({ label: 'Public' });
  await edit.getByLabel('Artifact URL').fill(`${appOrigin(id)}/`);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('edit-app-ok')).toHaveText('Saved.');
  await page.goto('/admin/apps');
  await expect(row(page, id)).toContainText(`${title} (ready)`);
  await expect(row(page, id)).toContainText('Ready');
  await expect(row(page, id)).toContainText('Public');

  // Open it in the viewer: the artifact verifies alice, for this new app.
  await row(page, id).getByRole('link', { name: 'Open' }).click();
  await page.waitForURL(`/apps/${id}`);
  await expect(page.getByTestId('app-title')).toHaveText(`${title} (ready)`);
  await expectVerified(page, DEMO.alice.name);
  await snap(page, testInfo, 'registered-app-in-viewer');

  await page.goto('/admin/apps');
  await expect(row(page, id).getByTestId('last-mint')).toContainText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await snap(page, testInfo, 'apps');

  // Cancel first: nothing happens.
  const del = row(page, id).getByTestId('delete-app');
  await del.getByRole('button', { name: 'Delete' }).click();
  await del.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(page, id)).toBeVisible();

  await deleteApp(page, id);
  const refused = await mintWithCookie(page.request, id);
  expect(refused.status()).toBe(404);
  expect((await refused.json()).code).toBe('not_found');
  const viewer = await page.goto(`/apps/${id}`);
  expect(viewer?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toBeVisible();
});

test('an edit of another org’s app, or of an unknown one, is not found', async ({ page }) => {
  for (const id of ['run_globex_tracker', 'run_nope']) {
    const res = await page.goto(`/admin/apps/${id}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByTestId('edit-app')).toHaveCount(0);
  }
});

test('a deleted app can be deleted only once', async ({ page }) => {
  const id = await registerApp(page, { title: `E2E twice ${Date.now()}`, workflow: 'Weekly reports' });
  // Two tabs: the second still shows the app after the first deleted it.
  const other = await page.context().newPage();
  await other.goto('/admin/apps');
  await deleteApp(page, id);
  await confirmAction(row(other, id), 'delete-app', 'Its audit history is kept');
  await expect(row(other, id).getByTestId('delete-app-error')).toContainText('already deleted');
});
