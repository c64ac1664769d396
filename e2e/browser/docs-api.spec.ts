import { expect, test, type Page } from '@playwright/test';
import { DEMO, GATEWAY_URL, storageStatePath } from './support/env';
import { isMintRequest, recordRequests } from './support/pages';
import { ERRORS } from '@/lib/gateway/errors';

test.use({ storageState: storageStatePath('alice') });

const MINT_STATUSES = ['200', '400', '401', '403', '404', '405', '413', '415', '429', '503'];

async function tryMint(page: Page, appId: string) {
  const panel = page.getByTestId('try-it');
  await panel.getByLabel('App id').fill(appId);
  await panel.getByTestId('try-send').click();
  return panel;
}

test('the API reference lists the mint endpoint, its statuses and their error codes', async ({ page }) => {
  const seen = recordRequests(page);
  const response = await page.goto('/docs/api');
  expect(response!.status()).toBe(200);
  // The page's own strict policy: nonce scripts only, not frameable.
  const policy = response!.headers()['content-security-policy'] ?? '';
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'(;|$)/);
  expect(policy).toContain("frame-ancestors 'none'");

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('App Gateway API');
  const mint = page.locator('[data-testid="operation"][data-operation-id="mintAppSession"]');
  await expect(mint.getByTestId('operation-path')).toHaveText('/v1/app-gateway/{appId}/session');
  await expect(mint.locator('.docs-method')).toHaveText('POST');
  const rows = mint.getByTestId('status-row');
  await expect(rows).toHaveCount(MINT_STATUSES.length);
  expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))).toEqual(MINT_STATUSES);
  await expect(mint.locator('[data-testid="status-row"][data-status="403"] [data-testid="status-code"]')).toHaveText([
    'cross_origin',
    'org_mismatch',
    'insufficient_scope',
    'forbidden',
  ]);
  await expect(mint.locator('[data-testid="status-row"][data-status="404"]')).toContainText('not_found');

  // A row opens to its headers and body schema; the error table anchors each code.
  const unauthorized = mint.locator('[data-testid="status-row"][data-status="401"]');
  await unauthorized.locator('summary').click();
  await expect(unauthorized).toContainText('WWW-Authenticate');
  await expect(unauthorized).toContainText('application/problem+json');
  await expect(page.locator('#not_found')).toContainText('404');
  for (const id of ['getJwks', 'getDiscovery', 'getHealth', 'getOpenApi']) {
    await expect(page.locator(`[data-testid="operation"][data-operation-id="${id}"]`)).toBeVisible();
  }
  await expect(page.getByTestId('openapi-link')).toHaveAttribute('href', '/v1/openapi.json');

  // Nothing from another origin: no CDN, no fonts, no telemetry.
  expect(seen.map((r) => new URL(r.url()).origin).filter((origin) => origin !== GATEWAY_URL)).toEqual([]);
});

test('"Try it" mints a token for the signed-in viewer and decodes it', async ({ page }) => {
  await page.goto('/docs/api');
  const requests = recordRequests(page);
  const panel = await tryMint(page, 'run_acme_dashboard');

  await expect(panel.getByTestId('try-status')).toHaveAttribute('data-status', '200');
  await expect(panel.getByTestId('try-status')).toContainText('200');
  await expect(panel.getByTestId('try-token-name')).toHaveText(DEMO.alice.name);
  const header = JSON.parse((await panel.getByTestId('try-token-header').textContent()) ?? '{}') as Record<string, unknown>;
  expect(header).toMatchObject({ alg: 'ES256', typ: 'app-session+jwt' });
  const claims = JSON.parse((await panel.getByTestId('try-token-claims').textContent()) ?? '{}') as Record<string, unknown>;
  expect(claims).toMatchObject({
    iss: GATEWAY_URL,
    aud: 'run_acme_dashboard',
    sub: DEMO.alice.id,
    name: DEMO.alice.name,
    email: DEMO.alice.email,
    org_id: 'org_acme',
    workflow_id: 'wf_acme_reports',
    auth_via: 'session',
  });
  const body = JSON.parse((await panel.getByTestId('try-body').textContent()) ?? '{}') as Record<string, unknown>;
  expect(body).toEqual({ token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), exp: expect.any(String), expires_in: expect.any(Number) });
  await expect(panel.getByTestId('try-headers')).toContainText('no-store');

  // One same-origin POST with the session cookie and the body {} — nothing else.
  const mints = requests.filter(isMintRequest);
  expect(mints).toHaveLength(1);
  expect(mints[0]!.url()).toBe(`${GATEWAY_URL}/v1/app-gateway/run_acme_dashboard/session`);
  expect(mints[0]!.postData()).toBe('{}');
  const sent = await mints[0]!.allHeaders();
  expect(sent.cookie).toContain('session-token');
  expect(sent.authorization).toBeUndefined();

  // The curl equivalent uses a placeholder API token, never the session.
  const curl = (await panel.getByTestId('try-curl').textContent()) ?? '';
  expect(curl).toContain(`${GATEWAY_URL}/v1/app-gateway/run_acme_dashboard/session`);
  expect(curl).toContain('Authorization: Bearer agw_YOUR_TOKEN');
  expect(curl).not.toMatch(/cookie|session-token/i);
});

test('"Try it" on another org’s app shows the 404 problem', async ({ page }) => {
  await page.goto('/docs/api');
  const panel = await tryMint(page, 'run_globex_tracker');
  await expect(panel.getByTestId('try-status')).toHaveAttribute('data-status', '404');
  await expect(panel.getByTestId('try-code')).toHaveText('not_found');
  await expect(panel.getByTestId('try-token')).toHaveCount(0);
  const body = JSON.parse((await panel.getByTestId('try-body').textContent()) ?? '{}') as Record<string, unknown>;
  expect(body).toMatchObject({ status: 404, code: 'not_found', title: 'Not found' });
  await expect(panel.getByTestId('try-headers')).toContainText('application/problem+json');

  // With a workflow that is not the run's: the same 404, body {"workflowId": …}.
  await panel.getByLabel('Workflow id').fill('wf_acme_onboarding');
  await expect(panel.getByTestId('try-request')).toContainText('{"workflowId":"wf_acme_onboarding"}');
  await tryMint(page, 'run_acme_dashboard');
  await expect(panel.getByTestId('try-status')).toHaveAttribute('data-status', '404');
});

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the reference is readable and "Try it" asks to sign in', async ({ page }) => {
    await page.goto('/docs/api');
    await expect(page.locator('[data-testid="operation"][data-operation-id="mintAppSession"]')).toBeVisible();
    const panel = page.getByTestId('try-it');
    await expect(panel.getByTestId('try-signed-out')).toBeVisible();
    await expect(panel.getByTestId('try-send')).toHaveCount(0);
    await panel.getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdocs%2Fapi$/);
  });
});

test('a problem’s type links to its row in the error codes', async ({ page }) => {
  await page.goto('/docs/errors#org_mismatch');
  await expect(page.locator('#org_mismatch')).toContainText('403');
  await expect(page.getByTestId('error-codes').locator('tbody tr')).toHaveCount(Object.keys(ERRORS).length); // every code of the one table, the artifact proxy's included
  await expect(page.locator('#forbidden')).toContainText('403');
});
