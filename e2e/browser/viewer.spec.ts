import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { appOrigin, DEMO, storageStatePath } from './support/env';
import { artifact, expectVerified, holdPageScripts, isMintRequest, isWhoamiRequest, recordRequests } from './support/pages';

test.describe('alice, acting in Acme', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('opens the dashboard: the artifact verifies her, and the token never travels in a URL query', async ({ page }, testInfo) => {
    const requests = recordRequests(page);
    const minted = page.waitForResponse((r) => isMintRequest(r.request()) && r.ok());
    await page.goto('/apps/run_acme_dashboard');

    await expect(page.getByTestId('app-title')).toHaveText('Sales dashboard');
    await expect(page.getByTestId('app-org')).toHaveText('Acme Inc');
    await expect(page.getByTestId('app-workflow')).toHaveText('Weekly reports');

    const { token, expires_in } = (await (await minted).json()) as { token: string; expires_in: number };
    expect(token.split('.')).toHaveLength(3);
    expect(expires_in).toBe(60);

    await expectVerified(page, DEMO.alice.name);
    const frame = artifact(page);
    await expect(frame.locator('#viewer-email')).toHaveText(DEMO.alice.email);
    await expect(frame.locator('#viewer-sub')).toHaveText(DEMO.alice.id);
    await expect(frame.locator('#viewer-org')).toHaveText('org_acme');
    await expect(frame.locator('#load-count')).toHaveText('1');
    await expect(page.getByTestId('viewer-status')).toHaveAttribute('data-state', 'live');

    // The frame is on the artifact's own origin and was handed the token in the fragment only.
    const iframe = page.getByTestId('viewer-frame');
    const src = new URL((await iframe.getAttribute('src')) ?? '');
    expect(src.origin).toBe(appOrigin('run_acme_dashboard'));
    expect(src.pathname).toBe('/');
    expect(src.search).toBe('');
    expect(src.hash).toBe(`#app_token=${token}`);
    await expect(iframe).toHaveAttribute('referrerpolicy', 'no-referrer');
    await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups');

    // The SDK strips the fragment once it has read the token.
    const contentFrame = (await iframe.elementHandle())?.contentFrame();
    const frameHref = await (await contentFrame)!.evaluate(() => location.href);
    expect(frameHref).toBe(`${appOrigin('run_acme_dashboard')}/`);

    // No request put the token (or the fragment's name) in a query, a path or a Referer header.
    expect(requests.length).toBeGreaterThan(3);
    for (const request of requests) {
      const url = new URL(request.url());
      expect(url.search, request.url()).not.toContain('app_token');
      expect(decodeURIComponent(url.search), request.url()).not.toContain(token);
      expect(url.pathname, request.url()).not.toContain(token);
      expect((await request.allHeaders()).referer ?? '', request.url()).not.toContain(token);
    }
    // The artifact's backend got it as a bearer token.
    const whoami = requests.find((r) => r.url().startsWith(`${appOrigin('run_acme_dashboard')}/api/whoami`));
    expect((await whoami!.allHeaders()).authorization).toBe(`Bearer ${token}`);

    const shot = await page.screenshot();
    await testInfo.attach('viewer-verified', { body: shot, contentType: 'image/png' });
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/viewer-verified.png' });
  });

  test('the page frames the artifact as soon as its first mint answers, before its JavaScript has run; the viewer’s code then takes over without loading the frame again', async ({ page }) => {
    const origin = appOrigin('run_acme_dashboard');
    const requests = recordRequests(page);
    const release = await holdPageScripts(page);
    await page.goto('/apps/run_acme_dashboard', { waitUntil: 'domcontentloaded' });
    // None of the page's JavaScript has run: the inline script minted, framed the artifact and answered its handshake.
    await expectVerified(page, DEMO.alice.name);
    await expect(page.getByTestId('viewer-status')).toHaveAttribute('data-state', 'minting');
    await expect(page.getByTestId('viewer-opening')).toBeHidden();
    const iframe = page.getByTestId('viewer-frame');
    await expect(iframe).toBeVisible();
    const [mint] = requests.filter(isMintRequest);
    const { token } = (await (await mint!.response())!.json()) as { token: string };
    expect(new URL((await iframe.getAttribute('src')) ?? '').hash).toBe(`#app_token=${token}`);

    release();
    await expect(page.getByTestId('viewer-status')).toHaveAttribute('data-state', 'live');
    // The viewer read the same response (one mint) and kept the frame the script loaded (one load).
    expect(requests.filter(isMintRequest)).toHaveLength(1);
    const documents = () => requests.filter((r) => r.resourceType() === 'document' && new URL(r.url()).origin === origin);
    expect(documents()).toHaveLength(1);
    await expect(artifact(page).locator('#load-count')).toHaveText('1');

    // From now on the viewer's code alone answers the artifact: a renewal by message, and a ready gets exactly one answer, the new token.
    await page.getByRole('button', { name: 'Renew now' }).click();
    await expect.poll(() => requests.filter(isMintRequest).length).toBe(2);
    const renewed = ((await (await requests.filter(isMintRequest)[1]!.response())!.json()) as { token: string }).token;
    await expect.poll(() => requests.some((r) => isWhoamiRequest(r) && r.headers().authorization === `Bearer ${renewed}`)).toBe(true);
    const content = (await (await iframe.elementHandle())!.contentFrame())!;
    const answers = await content.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          window.addEventListener('message', (e) => e.data?.type === 'app-gateway:token' && seen.push(e.data.token));
          window.parent.postMessage({ type: 'app-gateway:ready' }, '*');
          setTimeout(() => resolve(seen), 1_000);
        }),
    );
    expect(answers).toEqual([renewed]);
    expect(documents()).toHaveLength(1);
  });

  test('home lists her apps with org, workflow, access and readiness; a card opens the viewer', async ({ page }) => {
    await page.goto('/');
    const cards = page.getByTestId('app-card');
    await expect(cards).toHaveCount(5);
    const building = page.locator('[data-app-id="run_acme_building"]');
    await expect(building).toContainText('Building');
    await expect(building).toContainText('Quarterly forecast');
    const publicApp = page.locator('[data-app-id="run_acme_public"]');
    await expect(publicApp).toContainText('Public');
    await expect(publicApp).toContainText('Ready');
    const dashboard = page.locator('[data-app-id="run_acme_dashboard"]');
    await expect(dashboard).toContainText('Workflow: Weekly reports');
    await expect(dashboard).toContainText('Login required');

    await dashboard.getByRole('link', { name: 'Sales dashboard', exact: true }).click();
    await page.waitForURL('/apps/run_acme_dashboard');
    await expectVerified(page, DEMO.alice.name);
  });

  test('a public app still gets a token when she is signed in', async ({ page }) => {
    await page.goto('/apps/run_acme_public');
    await expectVerified(page, DEMO.alice.name);
  });

  test('an artifact that is still building shows that, with no frame and no mint', async ({ page }) => {
    const requests = recordRequests(page);
    await page.goto('/apps/run_acme_building');
    await expect(page.getByTestId('still-building')).toBeVisible();
    await expect(page.getByTestId('viewer-status')).toHaveAttribute('data-state', 'building');
    await expect(page.getByTestId('viewer-frame')).toHaveCount(0);
    expect(requests.filter(isMintRequest)).toHaveLength(0);
  });
});

test.describe('alice, whose session ends while the viewer is open', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('the next renewal is refused (401): the artifact is told the session ended, and she is offered sign-in', async ({ page, context }) => {
    await page.goto('/apps/run_acme_onboarding');
    await expectVerified(page, DEMO.alice.name);
    await context.clearCookies();
    await page.getByRole('button', { name: 'Renew now' }).click();
    await expect(page.getByTestId('viewer-status')).toHaveAttribute('data-state', 'signed_out');
    await expect(artifact(page).locator('#status')).toHaveText('session ended');
    await expect(artifact(page).locator('#viewer-name')).toHaveText('—');
    await page.getByTestId('viewer-sign-in').click();
    await page.waitForURL(/\/signin\?callbackUrl=%2Fapps%2Frun_acme_onboarding$/);
    await expect(page.getByTestId('signin-form')).toBeVisible();
  });
});

test.describe('carol, a member of Acme acting in Globex', () => {
  test.use({ storageState: storageStatePath('carol') });

  test('is offered a switch to Acme, takes it, and is verified', async ({ page }, testInfo) => {
    await page.goto('/apps/run_acme_dashboard');
    const switchButton = page.getByTestId('switch-org');
    await expect(switchButton).toHaveText('Switch to Acme Inc');
    await expect(page.getByTestId('viewer-status')).toHaveAttribute('data-state', 'switch');
    await expect(page.getByTestId('viewer-frame')).toHaveCount(0);
    await expect(page.getByTestId('org-switcher')).toHaveValue('org_globex');
    await testInfo.attach('switch-offered', { body: await page.screenshot(), contentType: 'image/png' });

    await switchButton.click();
    await expectVerified(page, DEMO.carol.name);
    await expect(artifact(page).locator('#viewer-org')).toHaveText('org_acme');
    await expect(page.getByTestId('switch-org')).toHaveCount(0);
    await expect(page.getByTestId('org-switcher')).toHaveValue('org_acme');
  });

  test('switches org from the header; home shows both orgs and marks the active one', async ({ page }) => {
    await page.goto('/');
    const globex = page.locator('[data-testid="org-section"][data-org-id="org_globex"]');
    const acme = page.locator('[data-testid="org-section"][data-org-id="org_acme"]');
    await expect(globex).toContainText('Active');
    await expect(acme).toContainText('Switch to Acme Inc');
    await expect(acme.getByTestId('app-card')).toHaveCount(5);
    await expect(globex.getByTestId('app-card')).toHaveCount(1);

    await page.getByTestId('org-switcher').selectOption('org_acme');
    await expect(acme).toContainText('Active');
    await expect(globex).not.toContainText('Active');
    await expect(globex).toContainText('Switch to Globex Corp');
  });
});

test.describe('bob, who is only in Globex', () => {
  test.use({ storageState: storageStatePath('bob') });

  test('gets "not found" for an Acme app, exactly as for an app that does not exist, and no frame', async ({ page }) => {
    const requests = recordRequests(page);
    const acme = await page.goto('/apps/run_acme_dashboard');
    expect(acme?.status()).toBe(404);
    await expect(page.getByTestId('not-found')).toBeVisible();
    await expect(page.getByTestId('viewer-frame')).toHaveCount(0);
    await expect(page.getByText('Sales dashboard')).toHaveCount(0);
    const acmeText = await page.getByTestId('not-found').innerText();

    const missing = await page.goto('/apps/run_does_not_exist');
    expect(missing?.status()).toBe(404);
    expect(await page.getByTestId('not-found').innerText()).toBe(acmeText);
    expect(requests.filter(isMintRequest)).toHaveLength(0);
  });

  test('opens his own org’s app', async ({ page }) => {
    await page.goto('/apps/run_globex_tracker');
    await expectVerified(page, DEMO.bob.name);
  });
});

test.describe('dave, in no organization', () => {
  test.use({ storageState: storageStatePath('dave') });

  test('sees a friendly empty state', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('no-apps')).toBeVisible();
    await expect(page.getByTestId('no-apps')).toContainText('No apps yet');
    await expect(page.getByTestId('app-card')).toHaveCount(0);
  });
});
