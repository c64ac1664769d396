import { expect, test, type Page } from '@playwright/test';
import { generateKeyPair, SignJWT } from 'jose';
import { mintWithCookie, snap } from './support/admin';
import { GATEWAY_URL, storageStatePath } from './support/env';
import { recordRequests } from './support/pages';

test.use({ storageState: storageStatePath('alice') });

async function inspect(page: Page, token: string, app = '') {
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByLabel('Expected app id (optional)').fill(app);
  await page.getByRole('button', { name: 'Inspect token' }).click();
}

const status = (page: Page, check: string) => page.getByTestId('inspect-result').getByTestId(`check-${check}`);

test('a token the gateway minted passes every check; a wrong app, a tampered signature, a foreign key and garbage each say why not', async ({ page }, testInfo) => {
  const minted = await mintWithCookie(page.request, 'run_acme_dashboard');
  expect(minted.status()).toBe(200);
  const { token } = (await minted.json()) as { token: string };

  const requests = recordRequests(page);
  await page.goto('/admin/inspect');

  await inspect(page, token, 'run_acme_dashboard');
  await expect(page.getByTestId('verdict')).toContainText('Valid app session token');
  for (const check of ['signature', 'typ', 'iss', 'aud', 'exp']) await expect(status(page, check)).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('token-claims')).toContainText('"aud": "run_acme_dashboard"');
  await expect(page.getByTestId('inspect-result').getByTestId('expiry-countdown')).toContainText('Expires in');
  await snap(page, testInfo, 'inspector-valid');

  // The right token for another app.
  await inspect(page, token, 'run_acme_public');
  await expect(status(page, 'aud')).toHaveAttribute('data-status', 'fail');
  await expect(status(page, 'aud')).toContainText('issued for another app');
  await expect(status(page, 'signature')).toHaveAttribute('data-status', 'pass');

  // No app id: the audience is reported, not checked.
  await inspect(page, token);
  await expect(status(page, 'aud')).toHaveAttribute('data-status', 'skip');
  await expect(page.getByTestId('verdict')).toContainText('Valid');

  // One character of the signature changed.
  const [h, p, s] = token.split('.') as [string, string, string];
  const flipped = `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
  await inspect(page, flipped, 'run_acme_dashboard');
  await expect(status(page, 'signature')).toHaveAttribute('data-status', 'fail');
  await expect(status(page, 'signature')).toContainText('does not match key');
  await expect(page.getByTestId('verdict')).toContainText('Does not verify');

  // Signed by a key the gateway never published, by another issuer, long expired.
  const { privateKey } = await generateKeyPair('ES256');
  const now = Math.floor(Date.now() / 1000);
  const foreign = await new SignJWT({ sub: 'usr_mallory', aud: 'run_acme_dashboard', iss: 'https://evil.example', iat: now - 900, nbf: now - 900, exp: now - 600 })
    .setProtectedHeader({ alg: 'ES256', kid: 'mallorys-key', typ: 'app-session+jwt' })
    .sign(privateKey);
  await inspect(page, foreign, 'run_acme_dashboard');
  await expect(status(page, 'signature')).toContainText('"mallorys-key" is not in the gateway\'s JWKS');
  await expect(status(page, 'iss')).toContainText('iss is "https://evil.example", not this gateway');
  await expect(status(page, 'exp')).toContainText(/Expired 10 min \d+ s ago/);
  await expect(status(page, 'typ')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('inspect-result').getByTestId('expiry-countdown')).toContainText('Expired');
  await snap(page, testInfo, 'inspector-foreign');

  await inspect(page, 'hello world');
  await expect(page.getByTestId('verdict')).toContainText('not a compact JWT');

  // The token only ever went to the gateway itself.
  for (const r of requests) expect(new URL(r.url()).origin).toBe(GATEWAY_URL);
});

test('bad input gets a message next to the field', async ({ page }) => {
  await page.goto('/admin/inspect');
  await inspect(page, '   ', 'run acme!');
  await expect(page.getByTestId('inspect-token-error')).toHaveText('Paste a token to inspect.');
  await expect(page.getByTestId('inspect-app-error')).toContainText('An app id has only letters, digits');
  await expect(page.getByTestId('inspect-result')).toHaveCount(0);
  await expect(page.getByLabel('Expected app id (optional)')).toHaveValue('run acme!');
});
