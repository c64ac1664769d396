import { expect, test, type Page } from '@playwright/test';
import { DEMO, GATEWAY_URL, storageStatePath } from './support/env';
import { submitSignIn } from './support/pages';

// Callback URLs that normalize (or decode, then normalize) to `//evil.example`: an open redirect
// on /signin before the fix. Each must land on the gateway's home instead.
const OFF_SITE = [
  '/.//evil.example',
  '/..//evil.example',
  '/%2e//evil.example',
  '/a/..//evil.example',
  '/%2e%2e//evil.example',
  '/.%2f/evil.example',
  '/%2f%2fevil.example',
  '/%5c%5cevil.example',
];

/** Every top-level navigation the page makes, so a hop through evil.example is seen even if it fails to load. */
function navigations(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) seen.push(r.url());
  });
  return seen;
}

const expectStayedHome = (page: Page, seen: string[]) => {
  expect(new URL(page.url()).origin).toBe(GATEWAY_URL);
  expect(new URL(page.url()).pathname).toBe('/');
  expect(seen.filter((u) => new URL(u).origin !== GATEWAY_URL)).toEqual([]);
};

test.describe('signed out: sign in with an off-site callbackUrl', () => {
  for (const evil of OFF_SITE) {
    test(`${evil} lands on the gateway's home`, async ({ page }) => {
      const seen = navigations(page);
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(evil)}`);
      await submitSignIn(page, DEMO.bob.email);
      await page.waitForURL('/');
      await expect(page.getByTestId('user-name')).toHaveText(DEMO.bob.name);
      expectStayedHome(page, seen);
    });
  }
});

test.describe('signed in: /signin redirects at once', () => {
  test.use({ storageState: storageStatePath('bob') });

  for (const evil of OFF_SITE) {
    test(`${evil} redirects to the gateway's home`, async ({ page }) => {
      const seen = navigations(page);
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(evil)}`);
      await page.waitForURL('/');
      await expect(page.getByTestId('user-name')).toHaveText(DEMO.bob.name);
      expectStayedHome(page, seen);
    });
  }

  test('a same-origin callbackUrl is still honoured', async ({ page }) => {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent('/settings/tokens')}`);
    await page.waitForURL('/settings/tokens');
  });
});
