import { expect, test, type Page } from '@playwright/test';
import { confirmAction, decodeJwt, mintWithCookie, snap } from './support/admin';
import { DEMO, storageStatePath } from './support/env';
import { artifact } from './support/pages';

test.use({ storageState: storageStatePath('alice') });

const keyRow = (page: Page, kid: string) => page.locator(`[data-testid="key-row"][data-kid="${kid}"]`);
const kidsIn = (page: Page, state: string) =>
  page.locator(`[data-testid="key-row"][data-state="${state}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-kid')!));

async function publishedKids(page: Page): Promise<string[]> {
  const jwks = (await (await page.request.get('/.well-known/jwks.json')).json()) as { keys: { kid: string }[] };
  return jwks.keys.map((k) => k.kid);
}

async function rotate(page: Page): Promise<string> {
  const before = await kidsIn(page, 'next');
  expect(before).toEqual([]);
  await confirmAction(page.locator('main'), 'rotate-keys', 'No token stops verifying');
  await expect(page.locator('[data-testid="key-row"][data-state="next"]')).toHaveCount(1);
  return (await kidsIn(page, 'next'))[0]!;
}

test('alice rotates, revokes the waiting key, rotates again and activates the new key: tokens follow, artifacts verify', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/admin/keys');
  const [active] = await kidsIn(page, 'active');
  expect(active).toBeTruthy();
  await expect(keyRow(page, active!)).toContainText('Signs every new token');

  // Rotate: a new key is published ahead of signing.
  const waiting = await rotate(page);
  await expect(keyRow(page, waiting)).toContainText('Published, not signing yet');
  expect(await publishedKids(page)).toEqual(expect.arrayContaining([active, waiting]));
  // Only one key may wait at a time.
  await confirmAction(page.locator('main'), 'rotate-keys', 'No token stops verifying');
  await expect(page.getByTestId('rotate-keys-error')).toContainText('already waiting to activate');
  await page.reload();

  // Revoke it, after reading the consequence.
  await confirmAction(keyRow(page, waiting), 'revoke-key', 'every token signed with it stops verifying immediately');
  await expect(keyRow(page, waiting)).toHaveAttribute('data-state', 'revoked');
  expect(await publishedKids(page)).not.toContain(waiting);

  // Rotate again, and activate the new key now.
  const next = await rotate(page);
  await confirmAction(keyRow(page, next), 'activate-key', 'New tokens are signed with it at once');
  await expect(keyRow(page, next)).toHaveAttribute('data-state', 'active');
  await expect(keyRow(page, active!)).toHaveAttribute('data-state', 'retiring');
  expect(await publishedKids(page)).toEqual(expect.arrayContaining([active, next]));
  await snap(page, testInfo, 'keys');

  // The very next token is signed with it, and an artifact verifies it (refetching the key set for the new kid).
  const minted = await mintWithCookie(page.request, 'run_acme_onboarding');
  expect(decodeJwt(((await minted.json()) as { token: string }).token).header.kid).toBe(next);
  await page.goto('/apps/run_acme_onboarding');
  await expect(async () => {
    const status = await artifact(page).locator('#status').innerText();
    // The artifact refetches the key set at most every 30 s: if it just did, ask for a fresh session shortly.
    if (status !== 'verified' && (await page.getByTestId('artifact-error').count()) > 0) {
      await page.getByRole('button', { name: 'Send a fresh session' }).click();
    }
    expect(status).toBe('verified');
  }).toPass({ timeout: 60_000, intervals: [2_000, 5_000, 10_000] });
  await expect(artifact(page).locator('#viewer-name')).toHaveText(DEMO.alice.name);
});
