import { expect, test, type Browser, type Page } from '@playwright/test';
import { confirmAction } from './support/admin';
import { ARTIFACT_PROXY_DOMAIN, appOrigin, DEMO } from './support/env';
import { artifact, expectVerified, signInNewBrowser } from './support/pages';

// SPEC §15, issue 27's "Done means": a signed-out guest and a signed-in outsider open the same links
// and see themselves, in the SDK artifact and in the proxied app; the links are revoked, and every
// open viewer shows the signed-out state within 30 s (a guest's viewer mints every 15 s).
const DASHBOARD = 'run_acme_dashboard';
const PLAIN = 'run_acme_plain';
const SIGNED_OUT = { cookies: [], origins: [] };

/** Alice (an Acme admin) creates a share link on the app's console page; returns its URL, shown once. */
async function createLink(alice: Page, appId: string): Promise<string> {
  await alice.goto(`/admin/apps/${appId}`);
  const form = alice.getByTestId('create-share-link');
  await form.getByRole('button', { name: 'Create link' }).click();
  const url = (await form.getByTestId('share-link-url').locator('code').textContent()) ?? '';
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  return url;
}

async function revokeLinks(alice: Page, appId: string): Promise<void> {
  await alice.goto(`/admin/apps/${appId}`);
  const rows = alice.getByTestId('share-link-row').filter({ has: alice.getByTestId('revoke-share-link') });
  while ((await rows.count()) > 0) {
    const row = rows.first();
    const id = await row.getAttribute('data-share-id');
    await confirmAction(row, 'revoke-share-link', 'loses the app within seconds');
    await expect(alice.locator(`[data-share-id="${id}"]`)).toHaveAttribute('data-state', 'revoked');
  }
}

/** A new page in a browser of its own: signed out, or signed in as a demo user through the form (this spec's own sessions). */
async function browserOf(browser: Browser, user: 'alice' | 'bob' | null): Promise<Page> {
  if (user) return signInNewBrowser(browser, DEMO[user].email);
  return (await browser.newContext({ storageState: SIGNED_OUT })).newPage();
}

/** Opens the link and makes the choice its page offers; lands on the app's viewer, the address keeping no secret. */
async function openLink(page: Page, url: string, appId: string, choice: { guestName: string } | { as: string }): Promise<void> {
  await page.goto(url);
  if ('guestName' in choice) {
    await page.getByLabel('Your name (optional)').fill(choice.guestName);
    await page.getByRole('button', { name: 'Continue as guest' }).click();
  } else {
    await page.getByRole('button', { name: `Continue as ${choice.as}` }).click();
  }
  await page.waitForURL(`/apps/${appId}`);
}

async function expectSignedOut(page: Page): Promise<void> {
  await expect(page.getByTestId('viewer-status')).toHaveAttribute('data-state', 'signed_out', { timeout: 30_000 });
  await expect(page.getByTestId('viewer-signed-out')).toContainText('Your guest access has ended');
}

test('a signed-out guest and a signed-in outsider open the same links, see themselves, and are signed out when the links are revoked', async ({ browser }) => {
  test.setTimeout(150_000);
  const alice = await browserOf(browser, 'alice');
  const dashboardLink = await createLink(alice, DASHBOARD);
  const plainLink = await createLink(alice, PLAIN);

  const guest = await browserOf(browser, null);
  const bob = await browserOf(browser, 'bob');
  const guestPlain = await guest.context().newPage();
  const bobPlain = await bob.context().newPage();

  // The SDK artifact: each sees themselves, as a guest.
  await openLink(guest, dashboardLink, DASHBOARD, { guestName: 'Gwen' });
  await expectVerified(guest, 'Gwen (guest)');
  await expect(artifact(guest).locator('#viewer-role')).toHaveText('Guest');
  await expect(artifact(guest).locator('#viewer-email')).toHaveText('—');
  await expect(artifact(guest).locator('#viewer-sub')).toHaveText(/^gst_/);
  await expect(artifact(guest).locator('#guest-note')).toBeVisible();

  await openLink(bob, dashboardLink, DASHBOARD, { as: DEMO.bob.name });
  await expectVerified(bob, `${DEMO.bob.name} (guest)`);
  await expect(artifact(bob).locator('#viewer-role')).toHaveText('Guest');
  await expect(artifact(bob).locator('#viewer-email')).toHaveText(DEMO.bob.email);
  await expect(artifact(bob).locator('#viewer-sub')).toHaveText(DEMO.bob.id);

  // The proxied app: the proxy tells the plain upstream who they are; no email, and no org, for the anonymous guest.
  await openLink(guestPlain, plainLink, PLAIN, { guestName: 'Gwen' });
  const guestFrame = artifact(guestPlain);
  await expect(guestFrame.locator('#greeting')).toHaveText('Hello, Gwen (guest)', { timeout: 20_000 });
  await expect(guestFrame.locator('[data-header="x-app-gateway-org-role"]')).toHaveText('guest');
  await expect(guestFrame.locator('[data-header="x-app-gateway-user-email"]')).toHaveCount(0);
  await expect(guestFrame.locator('[data-header="x-app-gateway-org-id"]')).toHaveCount(0);
  expect(new URL((await guestPlain.getByTestId('viewer-frame').getAttribute('src')) ?? '').origin).toBe(appOrigin(PLAIN, ARTIFACT_PROXY_DOMAIN));

  await openLink(bobPlain, plainLink, PLAIN, { as: DEMO.bob.name });
  const bobFrame = artifact(bobPlain);
  await expect(bobFrame.locator('#greeting')).toHaveText(`Hello, ${DEMO.bob.name} (guest)`, { timeout: 20_000 });
  await expect(bobFrame.locator('[data-header="x-app-gateway-user-email"]')).toHaveText(DEMO.bob.email);
  await expect(bobFrame.locator('[data-header="x-app-gateway-org-role"]')).toHaveText('guest');

  // Alice revokes both links: every open viewer shows the signed-out state within 30 s, and so do the apps.
  await revokeLinks(alice, DASHBOARD);
  await revokeLinks(alice, PLAIN);
  const revokedAt = Date.now();
  for (const page of [guest, bob, guestPlain, bobPlain]) await expectSignedOut(page);
  expect(Date.now() - revokedAt).toBeLessThan(30_000);
  for (const page of [guest, bob]) {
    await expect(artifact(page).locator('#status')).toHaveAttribute('data-state', 'ended');
    for (const id of ['#viewer-name', '#viewer-email', '#viewer-sub']) await expect(artifact(page).locator(id)).toHaveText('—');
  }
  for (const page of [guestPlain, bobPlain]) {
    await expect(artifact(page).locator('#app-gateway-bootstrap')).toHaveAttribute('data-state', 'ended', { timeout: 15_000 });
    await expect(artifact(page).locator('#greeting')).toHaveCount(0);
  }
  // The links open nothing any more.
  await guest.goto(dashboardLink);
  await expect(guest.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
});

test('a guest’s browser gets nothing of the console or settings: each sends it to sign in', async ({ browser }) => {
  const alice = await browserOf(browser, 'alice');
  const link = await createLink(alice, DASHBOARD);
  const guest = await browserOf(browser, null);
  await openLink(guest, link, DASHBOARD, { guestName: 'Gwen' });
  await expectVerified(guest, 'Gwen (guest)');
  for (const path of ['/admin', '/admin/apps', '/settings/sessions', `/apps/run_acme_onboarding`]) {
    await guest.goto(path);
    await guest.waitForURL(/\/signin\?callbackUrl=/);
  }
  await revokeLinks(alice, DASHBOARD);
});

test('a signed-out visitor opens a public app as an anonymous guest, and sees "Guest"', async ({ browser }) => {
  const visitor = await browserOf(browser, null);
  await visitor.goto('/apps/run_acme_public');
  await expectVerified(visitor, 'Guest');
  await expect(artifact(visitor).locator('#viewer-role')).toHaveText('Guest');
  await expect(artifact(visitor).locator('#viewer-sub')).toHaveText(/^gst_/);
});
