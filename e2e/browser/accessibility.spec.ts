import { expect, test } from '@playwright/test';
import { mintWithCookie } from './support/admin';
import { auditedInsideFrame, expectAccessible } from './support/axe';
import { DEMO, storageStatePath, type DemoUser } from './support/env';
import { expectVerified, submitSignIn } from './support/pages';

// Every page and state the browser suite visits, audited with axe (WCAG 2.2 A + AA): any serious or
// critical violation fails. Each test waits for what its state shows before auditing it.

// axe walks the whole DOM on the CPU: the API reference (every operation, SCIM's included) takes it
// tens of seconds while npm test's other lanes keep both cores busy.
test.describe.configure({ timeout: 120_000 });

const SIGNED_OUT = { cookies: [], origins: [] };
/** The API reference's section for the mint endpoint, with its "Try it". */
const MINT_OPERATION = '[data-testid="operation"][data-operation-id="mintAppSession"]';
const problem = (status: number, code: string, title: string) => ({
  status,
  contentType: 'application/problem+json',
  headers: { 'retry-after': '30' },
  body: JSON.stringify({ type: 'about:blank', title, status, detail: `${title}.`, code }),
});

test.describe('signed out', () => {
  test.use({ storageState: SIGNED_OUT });

  test('sign-in, and its refusal of a wrong password', async ({ page }, testInfo) => {
    await page.goto('/signin');
    await expect(page.getByTestId('signin-form')).toBeVisible();
    await expectAccessible(page, testInfo, 'sign-in');
    await submitSignIn(page, DEMO.alice.email, 'not-the-password');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, testInfo, 'sign-in, wrong password');
  });

  test('the API reference, signed out', async ({ page }, testInfo) => {
    await page.goto('/docs/api');
    await expect(page.getByTestId('try-signed-out')).toBeVisible();
    // Signed in or out, the reference differs only in the header and the mint's "Try it" (a sign-in
    // prompt here); alice's test audits the whole page, its 13k nodes.
    await expectAccessible(page, testInfo, 'API reference, signed out', { within: ['.site-header', MINT_OPERATION] });
  });
});

test.describe('alice (Acme admin, platform admin)', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('home', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page.getByTestId('app-card').first()).toBeVisible();
    await expectAccessible(page, testInfo, 'home');
  });

  test('viewer: loading (the first mint held back); with reduced motion the spinner stands still', async ({ page }, testInfo) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/v1/app-gateway/*/session', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/apps/run_acme_dashboard', { waitUntil: 'domcontentloaded' });
    await expect(page.getByTestId('viewer-opening')).toBeVisible();
    const spinner = page.getByTestId('viewer-opening').locator('.spinner');
    await expect.poll(() => spinner.evaluate((el) => el.getAnimations().filter((a) => a.playState === 'running').length)).toBe(0);
    await expectAccessible(page, testInfo, 'viewer loading');
    release();
  });

  test('viewer: verified, artifact included', async ({ page }, testInfo) => {
    await page.goto('/apps/run_acme_dashboard');
    await expectVerified(page, DEMO.alice.name);
    expect(auditedInsideFrame(await expectAccessible(page, testInfo, 'viewer verified', { allPasses: true }))).toBe(true);
  });

  test('viewer: could not open (503), then a failed renewal beside a live frame', async ({ page }, testInfo) => {
    await page.route('**/v1/app-gateway/*/session', (route) => route.fulfill(problem(503, 'unavailable', 'Service unavailable')));
    await page.goto('/apps/run_acme_dashboard');
    await expect(page.getByTestId('mint-error')).toBeVisible();
    await expectAccessible(page, testInfo, 'viewer error');

    await page.unroute('**/v1/app-gateway/*/session');
    await page.getByRole('button', { name: 'Try again now' }).click();
    await expectVerified(page, DEMO.alice.name);
    await page.route('**/v1/app-gateway/*/session', (route) => route.fulfill(problem(503, 'unavailable', 'Service unavailable')));
    await page.getByRole('button', { name: 'Renew now' }).click();
    await expect(page.getByTestId('mint-error')).toContainText('The app keeps working');
    await expectAccessible(page, testInfo, 'viewer renewal failed');
  });

  test('viewer: still building', async ({ page }, testInfo) => {
    await page.goto('/apps/run_acme_building');
    await expect(page.getByTestId('still-building')).toBeVisible();
    await expectAccessible(page, testInfo, 'viewer building');
  });

  const consolePages: [string, string][] = [
    ['/admin', 'console overview'],
    ['/admin/apps', 'console apps'],
    ['/admin/apps/run_acme_dashboard', 'console app page'],
    ['/admin/test-mint', 'console test mint'],
    ['/admin/inspect', 'console token inspector'],
    ['/admin/audit', 'console audit log'],
    ['/admin/members', 'console members'],
    ['/admin/groups', 'console groups'],
    ['/admin/access-requests', 'console access requests'],
    ['/admin/invitations', 'console invitations'],
    ['/admin/webhooks', 'console webhooks'],
    ['/admin/service-accounts', 'console service accounts'],
    ['/admin/platform-log', 'console platform log'],
    ['/admin/keys', 'console signing keys'],
    ['/admin/resources', 'console resources'],
    ['/settings/tokens', 'settings: API tokens'],
    ['/docs/errors', 'error codes'],
  ];
  for (const [path, state] of consolePages) {
    test(state, async ({ page }, testInfo) => {
      expect((await page.goto(path))?.status()).toBe(200);
      await expect(page.locator('h1').first()).toBeVisible();
      await expectAccessible(page, testInfo, state);
    });
  }

  test('console test mint: a minted token and its checks', async ({ page }, testInfo) => {
    await page.goto('/admin/test-mint');
    await page.getByTestId('test-mint-app').selectOption('run_acme_onboarding');
    await page.getByTestId('test-mint-run').click();
    await expect(page.getByTestId('verdict')).toContainText('Valid app session token');
    await expectAccessible(page, testInfo, 'console test mint result');
  });

  test('console token inspector: a verdict', async ({ page }, testInfo) => {
    const { token } = (await (await mintWithCookie(page.request, 'run_acme_dashboard')).json()) as { token: string };
    await page.goto('/admin/inspect');
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Inspect token' }).click();
    await expect(page.getByTestId('verdict')).toContainText('Valid app session token');
    await expectAccessible(page, testInfo, 'console inspector result');
  });

  test('console audit log: filtered to nothing, and a bad filter', async ({ page }, testInfo) => {
    await page.goto('/admin/audit?app=run_acme_onboarding&result=denied&user=usr_nobody');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, testInfo, 'console audit log, filtered');
    await page.goto('/admin/audit?from=2026-02-30T10:00&to=soon&result=maybe');
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expectAccessible(page, testInfo, 'console audit log, bad filter');
  });

  test('console members: a confirmation open', async ({ page }, testInfo) => {
    await page.goto('/admin/members');
    const row = page.locator(`[data-testid="member-row"][data-user-id="${DEMO.carol.id}"]`);
    await row.getByTestId('change-role').getByRole('button').first().click();
    await expect(row.getByRole('alertdialog')).toBeVisible();
    await expectAccessible(page, testInfo, 'console members, confirmation');
    await row.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  });

  test('the API reference, then a response row open and a "Try it" answer', async ({ page }, testInfo) => {
    expect((await page.goto('/docs/api'))?.status()).toBe(200);
    await expect(page.locator('h1').first()).toBeVisible();
    await expectAccessible(page, testInfo, 'API reference');
    const mint = page.locator(MINT_OPERATION);
    await mint.locator('[data-testid="status-row"][data-status="401"] summary').click();
    const panel = page.getByTestId('try-it');
    await panel.getByLabel('App id').fill('run_acme_dashboard');
    await panel.getByTestId('try-send').click();
    await expect(panel.getByTestId('try-status')).toHaveAttribute('data-status', '200');
    // What this state changes is inside the mint's section; the whole page was audited as it loaded.
    await expectAccessible(page, testInfo, 'API reference, try-it answered', { within: [MINT_OPERATION] });
  });

  test('the 404 page', async ({ page }, testInfo) => {
    expect((await page.goto('/no-such-page'))?.status()).toBe(404);
    await expectAccessible(page, testInfo, '404 page');
  });
});

// What the other demo users see where alice sees her apps: one page each, its status and what it shows.
const OTHERS_STATES: { who: DemoUser; title: string; path: string; status?: number; shows: string; state: string }[] = [
  { who: 'carol', title: 'viewer: org mismatch, the switch offered', path: '/apps/run_acme_dashboard', shows: 'switch-org', state: 'viewer org mismatch' },
  { who: 'bob', title: 'viewer: not found', path: '/apps/run_acme_dashboard', status: 404, shows: 'not-found', state: 'viewer not found' },
  { who: 'bob', title: 'the console refuses a member (403)', path: '/admin/members', status: 403, shows: 'forbidden', state: 'console forbidden' },
  { who: 'dave', title: 'home, empty', path: '/', shows: 'no-apps', state: 'home, no apps' },
];
const ROLE_OF: Record<DemoUser, string> = { alice: 'Acme admin, platform admin', bob: 'Globex member', carol: 'Acme member, acting in Globex', dave: 'in no organization' };

for (const { who, title, path, status, shows, state } of OTHERS_STATES) {
  test.describe(`${who} (${ROLE_OF[who]})`, () => {
    test.use({ storageState: storageStatePath(who) });

    test(title, async ({ page }, testInfo) => {
      const response = await page.goto(path);
      if (status) expect(response?.status()).toBe(status);
      await expect(page.getByTestId(shows)).toBeVisible();
      await expectAccessible(page, testInfo, state);
    });
  });
}

// The dark scheme changes colours only (the stylesheets' prefers-color-scheme blocks set colour
// variables, nothing else): its pages are audited with the rules that read colours, every other rule
// having audited the same pages in the light scheme above.
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

test.describe('alice, in the dark colour scheme', () => {
  test.use({ storageState: storageStatePath('alice'), colorScheme: 'dark' });

  test('home, the viewer with its artifact, a test mint and the API reference', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page.getByTestId('app-card').first()).toBeVisible();
    await expectAccessible(page, testInfo, 'home, dark', { rules: COLOUR_RULES });
    await page.goto('/apps/run_acme_dashboard');
    await expectVerified(page, DEMO.alice.name);
    await expectAccessible(page, testInfo, 'viewer verified, dark', { rules: COLOUR_RULES });
    await page.goto('/admin/test-mint');
    await page.getByTestId('test-mint-app').selectOption('run_acme_onboarding');
    await page.getByTestId('test-mint-run').click();
    await expect(page.getByTestId('verdict')).toContainText('Valid app session token');
    await expectAccessible(page, testInfo, 'console test mint result, dark', { rules: COLOUR_RULES });
    await page.goto('/docs/api');
    await expectAccessible(page, testInfo, 'API reference, dark', { rules: COLOUR_RULES });
  });
});
