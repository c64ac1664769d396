import { expect, test } from '@playwright/test';
import { appOrigin, DEMO, GATEWAY_URL, storageStatePath } from './support/env';
import { expectVerified } from './support/pages';

test.use({ storageState: storageStatePath('alice') });

const directive = (policy: string, name: string) =>
  policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';

test('gateway pages cannot be framed, frame nothing, and run only nonce-bearing scripts', async ({ page, request }) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  const policy = headers['content-security-policy'] ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("frame-src 'none'");
  const scripts = directive(policy, 'script-src');
  expect(scripts).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'$/);
  // A fresh nonce on every response, and the page's scripts carry it (they ran: the user chip is there).
  const again = (await request.get('/signin')).headers()['content-security-policy'] ?? '';
  expect(directive(again, 'script-src')).not.toBe(scripts);
  await expect(page.getByTestId('user-name')).toHaveText(DEMO.alice.name);

  // Data endpoints: nothing to render, nothing to frame.
  for (const path of ['/healthz', '/.well-known/jwks.json']) {
    const data = await request.get(path);
    expect(data.headers()['content-security-policy'], path).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(data.headers()['x-frame-options'], path).toBe('DENY');
  }
});

test('the viewer may frame exactly its artifact origin, nothing else', async ({ page }) => {
  const response = await page.goto('/apps/run_acme_dashboard');
  const csp = response!.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  // The header policy leaves frames to the page's meta policy: no frame-src, child-src or default-src.
  expect(directive(csp, 'frame-src') + directive(csp, 'child-src') + directive(csp, 'default-src')).toBe('');
  expect(response!.headers()['x-frame-options']).toBe('DENY');
  const meta = page.locator('head meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveAttribute('content', `frame-src ${appOrigin('run_acme_dashboard')}`);
  await expectVerified(page, DEMO.alice.name);

  // Any other origin, the gateway's own included, is refused by the browser.
  const violated = await page.evaluate(
    (src) =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.effectiveDirective} ${e.blockedURI}`), { once: true });
        const probe = document.createElement('iframe');
        probe.src = src;
        document.body.append(probe);
        setTimeout(() => resolve('no violation'), 3_000);
      }),
    `${GATEWAY_URL}/healthz`,
  );
  expect(violated).toBe(`frame-src ${GATEWAY_URL}/healthz`);
});

test('another site cannot frame the gateway', async ({ page }) => {
  await page.goto(`${appOrigin('run_acme_dashboard')}/healthz`);
  const signin = `${GATEWAY_URL}/signin`;
  // The frame's load event fires once the browser is done with it, refused or not.
  await page.evaluate(
    (src) =>
      new Promise<void>((resolve) => {
        const frame = document.createElement('iframe');
        frame.addEventListener('load', () => resolve(), { once: true });
        frame.src = src;
        document.body.append(frame);
      }),
    signin,
  );
  // The browser put its own error page in the frame's place (a frame that never loaded would still
  // be about:blank): none of the gateway's content is there.
  const child = page.frames().find((f) => f !== page.mainFrame());
  expect(child?.url()).toBe('chrome-error://chromewebdata/');
  expect(await child!.evaluate(() => document.querySelector('[data-testid="signin-form"]') !== null).catch(() => false)).toBe(false);
});
