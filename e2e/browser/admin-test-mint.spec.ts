import { expect, test } from '@playwright/test';
import { decodeJwt, deleteApp, registerApp, snap } from './support/admin';
import { DEMO, GATEWAY_URL, storageStatePath, TOKEN_TTL_SECONDS } from './support/env';
import { isMintRequest } from './support/pages';

test.use({ storageState: storageStatePath('alice') });

test('alice mints as herself through the real endpoint and sees the token, its parts and every check pass', async ({ page }, testInfo) => {
  await page.goto('/admin/test-mint');
  await page.getByTestId('test-mint-app').selectOption('run_acme_onboarding');

  // The ready-to-copy curl command, with a placeholder API token.
  const curl = page.getByTestId('curl-command');
  await expect(curl).toContainText(`curl -sS -X POST '${GATEWAY_URL}/v1/app-gateway/run_acme_onboarding/session'`);
  await expect(curl).toContainText("-H 'Authorization: Bearer agw_YOUR_TOKEN'");
  await expect(curl).toContainText("-d '{}'");

  const response = page.waitForResponse((r) => isMintRequest(r.request()));
  await page.getByTestId('test-mint-run').click();
  const mint = await response;
  expect(new URL(mint.url()).pathname).toBe('/v1/app-gateway/run_acme_onboarding/session');
  expect(mint.request().postData()).toBe('{}');
  expect(mint.status()).toBe(200);
  const { token } = (await mint.json()) as { token: string };

  const result = page.getByTestId('test-mint-result');
  await expect(result.getByTestId('minted-token')).toHaveText(token);
  const { header, claims } = decodeJwt(token);
  expect(header).toMatchObject({ alg: 'ES256', typ: 'app-session+jwt' });
  expect(claims).toMatchObject({ sub: DEMO.alice.id, aud: 'run_acme_onboarding', org_id: 'org_acme', iss: GATEWAY_URL, auth_via: 'session' });
  await expect(result.getByTestId('token-header')).toContainText('"typ": "app-session+jwt"');
  await expect(result.getByTestId('token-header')).toContainText(`"kid": "${String(header.kid)}"`);
  await expect(result.getByTestId('token-claims')).toContainText(`"sub": "${DEMO.alice.id}"`);
  await expect(result.getByTestId('token-claims')).toContainText('"workflow_id": "wf_acme_onboarding"');

  for (const check of ['signature', 'typ', 'iss', 'aud', 'exp']) {
    await expect(result.getByTestId(`check-${check}`)).toHaveAttribute('data-status', 'pass');
  }
  await expect(result.getByTestId('check-signature')).toContainText(`published key ${String(header.kid)}`);
  await expect(result.getByTestId('verdict')).toContainText('Valid app session token');

  // A live countdown to exp.
  const countdown = result.getByTestId('expiry-countdown');
  await expect(countdown).toContainText('Expires in');
  const first = Number(await countdown.getAttribute('data-seconds-left'));
  expect(first).toBeLessThanOrEqual(TOKEN_TTL_SECONDS);
  expect(first).toBeGreaterThan(TOKEN_TTL_SECONDS - 15);
  await expect.poll(async () => Number(await countdown.getAttribute('data-seconds-left')), { timeout: 5_000 }).toBeLessThan(first);
  await snap(page, testInfo, 'test-mint');
});

test('a failed mint shows the problem body and what it means', async ({ page, context }) => {
  const id = await registerApp(page, { title: `E2E gone ${Date.now()}`, workflow: 'Weekly reports' });
  await page.goto('/admin/test-mint');
  await page.getByTestId('test-mint-app').selectOption(id);
  // Deleted in another tab after this page was loaded.
  await deleteApp(await context.newPage(), id);

  await page.getByTestId('test-mint-run').click();
  const problem = page.getByTestId('test-mint-problem');
  await expect(problem).toHaveAttribute('data-code', 'not_found');
  await expect(problem).toHaveAttribute('data-status', '404');
  await expect(problem.getByTestId('test-mint-explanation')).toContainText('the app does not exist, was deleted, you are not a member of its organization, or its access rule leaves you out');
  await expect(problem.getByTestId('problem-body')).toContainText('"code": "not_found"');
  await expect(problem.getByTestId('problem-body')).toContainText('"status": 404');
  await expect(page.getByTestId('test-mint-result')).toHaveCount(0);
});
