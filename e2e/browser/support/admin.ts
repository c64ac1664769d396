import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, type APIRequestContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import { GATEWAY_URL } from './env';

/**
 * The console's 403 at `path` for someone it is not for: the status, the page saying whom it is for
 * (`forWhom`), none of the `hidden` test ids on it, and nothing matching `unsent` in what was sent.
 */
export async function expectForbidden(page: Page, path: string, { forWhom = 'Admins only', hidden = [], unsent }: { forWhom?: string; hidden?: string[]; unsent?: RegExp } = {}): Promise<void> {
  expect((await page.goto(path))?.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toContainText(forWhom);
  for (const id of hidden) await expect(page.getByTestId(id), id).toHaveCount(0);
  if (unsent) expect(await page.content()).not.toMatch(unsent);
}

/** The decoded parts of a compact JWT (not verified: the tests compare them with what the gateway says). */
export function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [h, p] = token.split('.');
  const part = (s: string | undefined) => JSON.parse(Buffer.from(s ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: part(h), claims: part(p) };
}

/** POST to the mint endpoint with the cookies of `request`'s browser context, as a gateway page would. */
export function mintWithCookie(request: APIRequestContext, appId: string, headers: Record<string, string> = {}) {
  return request.post(`/v1/app-gateway/${encodeURIComponent(appId)}/session`, {
    headers: { origin: GATEWAY_URL, 'content-type': 'application/json', ...headers },
    data: '{}',
  });
}

/** POST to the mint endpoint with an API token. */
export function mintWithApiToken(request: APIRequestContext, appId: string, token: string) {
  return request.post(`${GATEWAY_URL}/v1/app-gateway/${encodeURIComponent(appId)}/session`, {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    data: '{}',
  });
}

/** Opens the inline confirmation of `testId` inside `scope`, checks it explains itself, and confirms. */
export async function confirmAction(scope: Locator, testId: string, explains: RegExp | string): Promise<void> {
  const action = scope.getByTestId(testId);
  await action.getByRole('button').first().click();
  const dialog = action.getByRole('alertdialog');
  await expect(dialog).toContainText(explains);
  await dialog.getByRole('button').last().click();
}

/** Registers an app in the active org through the console; returns its new id. */
export async function registerApp(
  page: Page,
  app: { title: string; workflow: string; artifactUrl?: string; access?: 'Login required' | 'Public' },
): Promise<string> {
  await page.goto('/admin/apps');
  const form = page.getByTestId('register-app');
  await form.getByLabel('Title').fill(app.title);
  await form.getByLabel('Workflow').selectOption({ label: app.workflow });
  await form.getByLabel('Access').selectOption({ label: app.access ?? 'Login required' });
  await form.getByLabel('Artifact URL').fill(app.artifactUrl ?? '');
  await form.getByRole('button', { name: 'Register app' }).click();
  await expect(page.getByTestId('register-app-ok')).toContainText(`Registered “${app.title}” as run_`);
  const href = await page.getByTestId('register-app-open').getAttribute('href');
  const id = decodeURIComponent(href!.replace('/apps/', ''));
  expect(id).toMatch(/^run_[0-9A-Za-z]{22}$/);
  await expect(page.locator(`[data-testid="app-row"][data-app-id="${id}"]`)).toBeVisible();
  return id;
}

/** Soft-deletes an app through the console. */
export async function deleteApp(page: Page, appId: string): Promise<void> {
  await page.goto('/admin/apps');
  const row = page.locator(`[data-testid="app-row"][data-app-id="${appId}"]`);
  await confirmAction(row, 'delete-app', 'refuses new tokens for it at once (404)');
  await expect(row).toHaveCount(0);
}

/** Attaches a full-page screenshot to the report and keeps a copy as test-results/admin-<name>.png. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot({ fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  mkdirSync('test-results', { recursive: true });
  writeFileSync(`test-results/admin-${name}.png`, body);
}
