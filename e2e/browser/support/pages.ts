import { expect, type Browser, type FrameLocator, type Page, type Request } from '@playwright/test';
import { DEMO_PASSWORD, storageStatePath, type DemoUser } from './env';

/** Fills and submits the sign-in form on the current page. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** A new browser that has never signed in (not the spec's storage state), signed in as `email` through the form. */
export async function signInNewBrowser(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/signin');
  await submitSignIn(page, email);
  await page.waitForURL('/');
  return page;
}

/** A page in a browser context of its own, signed in as the demo user (the setup project's stored state). */
export async function pageAs(browser: Browser, user: DemoUser): Promise<Page> {
  return (await browser.newContext({ storageState: storageStatePath(user) })).newPage();
}

/** The home page, switched to the org: its section says Active. */
export async function homeIn(page: Page, orgId: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('org-switcher').selectOption(orgId);
  await expect(page.locator(`[data-testid="org-section"][data-org-id="${orgId}"]`)).toContainText('Active');
}

/** The artifact inside the viewer's iframe. */
export function artifact(page: Page): FrameLocator {
  return page.frameLocator('[data-testid="viewer-frame"]');
}

/** Waits until the artifact says its backend verified the token. */
export async function expectVerified(page: Page, name: string, timeout = 20_000): Promise<void> {
  await expect(artifact(page).locator('#status')).toHaveText('verified', { timeout });
  await expect(artifact(page).locator('#viewer-name')).toHaveText(name);
}

export const isMintRequest = (request: Request) =>
  request.method() === 'POST' && /\/v1\/app-gateway\/[^/]+\/session$/.test(new URL(request.url()).pathname);

export const isWhoamiRequest = (request: Request) => new URL(request.url()).pathname === '/api/whoami';

/** Every request the page (and its frames) makes, from now on. */
export function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => seen.push(request));
  return seen;
}

/**
 * Holds back the page's JavaScript (its chunks under /_next/static/) until the function it returns is
 * called. Stylesheets come through: an inline script waits for the page's stylesheets, not its chunks.
 */
export async function holdPageScripts(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route((url) => url.pathname.startsWith('/_next/static/') && url.pathname.endsWith('.js'), async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
