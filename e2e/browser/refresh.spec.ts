import { expect, test } from '@playwright/test';
import { DEMO, storageStatePath, TOKEN_TTL_SECONDS } from './support/env';
import { artifact, expectVerified, isMintRequest, recordRequests } from './support/pages';

test.use({ storageState: storageStatePath('alice') });

test('the viewer renews the token at ~80% of its lifetime and hands it over without reloading the frame', async ({ page }) => {
  test.setTimeout((TOKEN_TTL_SECONDS + 45) * 1000);
  const requests = recordRequests(page);
  await page.goto('/apps/run_acme_dashboard');
  await expectVerified(page, DEMO.alice.name);
  const frame = artifact(page);
  const firstExp = await frame.locator('#token-exp').innerText();
  const src = await page.getByTestId('viewer-frame').getAttribute('src');
  const firstMintAt = Date.now();

  // TTL 60 s → renewal at ~48 s; the artifact verifies the new token and shows its later expiry.
  await expect(frame.locator('#token-exp')).not.toHaveText(firstExp, { timeout: (TOKEN_TTL_SECONDS + 5) * 1000 });
  const renewedAfter = (Date.now() - firstMintAt) / 1000;
  expect(renewedAfter).toBeGreaterThan(TOKEN_TTL_SECONDS * 0.8 - 5);
  expect(renewedAfter).toBeLessThan(TOKEN_TTL_SECONDS * 0.8 + 8);

  await expect(frame.locator('#status')).toHaveText('verified');
  expect(Date.parse(await frame.locator('#token-exp').innerText())).toBeGreaterThan(Date.parse(firstExp));
  // Same document: never reloaded, src untouched, exactly two mints.
  await expect(frame.locator('#load-count')).toHaveText('1');
  await expect(page.getByTestId('viewer-frame')).toHaveAttribute('src', src!);
  expect(requests.filter(isMintRequest)).toHaveLength(2);
  expect(requests.filter((r) => r.isNavigationRequest() && r.frame() !== page.mainFrame())).toHaveLength(1);
});
