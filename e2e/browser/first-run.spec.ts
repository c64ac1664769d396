import { expect, test } from '@playwright/test';
import { DEMO, GATEWAY_URL, storageStatePath } from './support/env';
import { expectVerified, isMintRequest } from './support/pages';

// playwright.config.ts starts the gateway with `npm start` and PORT=3300 alone: no APP_URL.
test.describe('a gateway started with only PORT set', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('names that port in discovery, and the viewer mints and hands the token over', async ({ page, request }) => {
    const discovery = await (await request.get('/.well-known/app-gateway')).json();
    expect(discovery.issuer).toBe(GATEWAY_URL);
    expect(discovery.jwks_uri).toBe(`${GATEWAY_URL}/.well-known/jwks.json`);

    const minted = page.waitForResponse((r) => isMintRequest(r.request()));
    await page.goto('/apps/run_acme_dashboard');
    expect((await minted).status()).toBe(200);
    await expectVerified(page, DEMO.alice.name);
  });

  test('opened at another host, a page says which address to use instead of failing inside the viewer', async ({ page }) => {
    const foreign = GATEWAY_URL.replace('localhost', '127.0.0.1');
    const response = await page.goto(`${foreign}/apps/run_acme_dashboard`);
    expect(response?.status()).toBe(421);
    await expect(page.getByRole('heading', { name: "This is not the gateway's address" })).toBeVisible();
    await expect(page.getByText(foreign.replace('http://', ''), { exact: false }).first()).toBeVisible();
    await page.getByRole('link', { name: `Open ${GATEWAY_URL}/apps/run_acme_dashboard` }).click();
    await expect(page).toHaveURL(`${GATEWAY_URL}/apps/run_acme_dashboard`);
    await expectVerified(page, DEMO.alice.name);
  });
});
