import { expect, test, type Page } from '@playwright/test';
import { expectForbidden } from './support/admin';
import { DEMO, GATEWAY_URL } from './support/env';
import { artifact, expectVerified, homeIn, pageAs } from './support/pages';

// SPEC §16 through the UI, the whole loop: carol (a member of Acme) is refused an admins-only app,
// asks for access; alice (admin of Acme) approves it from the console's inbox; carol opens it as
// herself; alice takes it away on the app's page, and carol's open viewer shows not found.
const APP = 'run_acme_onboarding';
const TITLE = 'Onboarding checklist';
const NO_SUCH_APP = 'run_nothing_here_at_all';

async function setRule(page: Page, rule: 'Everyone in the org' | 'Admins only') {
  await page.goto(`/admin/apps/${APP}`);
  const form = page.getByTestId('app-access');
  await form.getByRole('radio', { name: rule }).check();
  await form.getByRole('button', { name: 'Save who can open it' }).click();
  await expect(page.getByTestId('app-access-ok')).toContainText('Saved.');
}

test('carol asks for an app, alice approves it for an hour, carol opens it, alice takes it away and carol’s viewer shows not found', async ({ browser }) => {
  test.setTimeout(120_000);
  const alice = await pageAs(browser, 'alice');
  const carol = await pageAs(browser, 'carol');
  const card = carol.locator(`[data-testid="app-card"][data-app-id="${APP}"]`);
  await homeIn(carol, 'org_acme');

  try {
    await setRule(alice, 'Admins only');

    // Carol: not found, with a way to ask; the answer is the same for an app that does not exist.
    expect((await carol.goto(`/apps/${APP}`))?.status()).toBe(404);
    await expect(carol.getByTestId('not-found')).toContainText('App not found');
    await carol.getByTestId('request-access-note').fill('I run onboarding for the new hires <b>this</b> week');
    await carol.getByTestId('request-access-submit').click();
    await expect(carol.getByTestId('request-access-answer')).toHaveText('If this app exists, its admins have been asked.');
    expect((await carol.goto(`/apps/${NO_SUCH_APP}`))?.status()).toBe(404);
    await carol.getByTestId('request-access-submit').click();
    await expect(carol.getByTestId('request-access-answer')).toHaveText('If this app exists, its admins have been asked.');

    // Her home page shows both requests alike: sent.
    await carol.goto('/');
    await expect(card).toHaveCount(0);
    await expect(carol.getByTestId('sent-request')).toHaveCount(2);
    for (const id of [APP, NO_SUCH_APP]) await expect(carol.locator(`[data-testid="sent-request"][data-app-id="${id}"]`)).toContainText('Sent');

    // Carol, a member of Acme (not its admin), cannot answer her own request: the console's 403, no inbox.
    await expectForbidden(carol, '/admin/access-requests', { hidden: ['access-requests-table'], unsent: /arq_[A-Za-z0-9_-]{24}/ });

    // Alice: the nav counts it; the inbox shows who, which app and the note (as text); she approves for 1 hour.
    await alice.goto('/admin');
    const tab = alice.getByTestId('admin-nav').getByRole('link', { name: /Access requests/ });
    await expect(tab.getByTestId('tab-count')).toContainText('1');
    await tab.click();
    await alice.waitForURL('/admin/access-requests');
    const row = alice.locator(`[data-testid="access-request-row"][data-user-email="${DEMO.carol.email}"]`);
    await expect(row).toContainText(TITLE);
    await expect(row).toContainText('I run onboarding for the new hires <b>this</b> week');
    await expect(alice.getByText(NO_SUCH_APP)).toHaveCount(0);
    await row.getByTestId('approve-duration').selectOption({ label: '1 hour' });
    await row.getByTestId('approve-request').click();
    // Answered, it leaves the inbox and the nav's count.
    await expect(row).toHaveCount(0);
    await expect(alice.getByTestId('access-requests-table')).toContainText('No requests waiting.');
    await expect(alice.getByTestId('admin-nav').getByTestId('tab-count')).toHaveCount(0);

    // Carol: the app is in her list (no longer "sent"); she opens it as herself, with her own role.
    await carol.goto('/');
    await expect(card).toBeVisible();
    await expect(carol.locator(`[data-testid="sent-request"][data-app-id="${APP}"]`)).toHaveCount(0);
    await expect(carol.locator(`[data-testid="sent-request"][data-app-id="${NO_SUCH_APP}"]`)).toContainText('Sent');
    await card.getByRole('link', { name: TITLE, exact: true }).click();
    await carol.waitForURL(`/apps/${APP}`);
    await expectVerified(carol, DEMO.carol.name);
    await expect(artifact(carol).locator('#viewer-role')).toHaveText('member');

    // Alice sees the grant on the app's page, ending in an hour, and removes it.
    await alice.goto(`/admin/apps/${APP}`);
    const grant = alice.locator(`[data-testid="grant-row"][data-user-email="${DEMO.carol.email}"]`);
    await expect(grant).toContainText('Member (own role)');
    await grant.getByTestId('remove-grant').getByRole('button', { name: 'Remove' }).click();
    await grant.getByTestId('remove-grant').getByRole('button', { name: 'Remove' }).click();
    await expect(alice.getByTestId('grants-table')).toContainText('Nobody has been granted this app.');

    // Carol's open viewer: its next token is refused, and it shows not found (with the way to ask again).
    await carol.getByRole('button', { name: 'Renew now' }).click();
    await expect(carol.getByTestId('not-found')).toContainText('App not found');
    await expect(carol.getByTestId('viewer-frame')).toHaveCount(0);
    await expect(carol.getByTestId('request-access-form')).toBeVisible();
    await carol.goto('/');
    await expect(card).toHaveCount(0);

    // The audit log has each step.
    await alice.goto(`/admin/audit?app=${APP}`);
    for (const code of ['access_requested', 'access_request_approved', 'app_grant_ended']) {
      await expect(alice.locator(`[data-testid="audit-row"][data-code="${code}"]`).first()).toBeVisible();
    }
  } finally {
    await setRule(alice, 'Everyone in the org');
  }
});

test('a grant for a short time ends by itself: approved for a minute through the API, carol opens the app, and her open viewer shows not found once the minute is over', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const alice = await pageAs(browser, 'alice');
  const carol = await pageAs(browser, 'carol');
  await homeIn(carol, 'org_acme');
  try {
    await setRule(alice, 'Admins only');

    // The platform's pipeline answers requests: a service account with access-requests:write, made in the console.
    await alice.goto('/admin/service-accounts');
    const form = alice.getByTestId('create-service-account');
    await form.getByLabel('Name').fill(`Access desk ${Date.now()}`);
    await form.getByTestId('sa-scopes-access-requests:write').check();
    await form.getByRole('button', { name: 'Create service account' }).click();
    const token = (await alice.getByTestId('new-sa-token-secret').innerText()).trim();
    const api = (method: 'GET' | 'POST', path: string, data?: unknown) =>
      request.fetch(`${GATEWAY_URL}/v1/orgs/org_acme${path}`, { method, headers: { authorization: `Bearer ${token}` }, ...(data === undefined ? {} : { data }) });

    // Carol asks from the viewer's not-found state.
    expect((await carol.goto(`/apps/${APP}`))?.status()).toBe(404);
    await carol.getByTestId('request-access-submit').click();
    await expect(carol.getByTestId('request-access-answer')).toHaveText('If this app exists, its admins have been asked.');

    // Approved for the shortest time the API takes: 60 s.
    const listed = (await (await api('GET', '/access-requests')).json()) as { access_requests: Array<{ id: string; app_id: string; user: { email: string } }> };
    const asked = listed.access_requests.find((r) => r.app_id === APP && r.user.email === DEMO.carol.email)!;
    const approved = await api('POST', `/access-requests/${asked.id}/approve`, { duration_seconds: 60 });
    expect(approved.status()).toBe(200);
    const { grant } = (await approved.json()) as { grant: { ends_at: string } };
    const endsAt = Date.parse(grant.ends_at);

    // Carol opens it as herself while the grant lasts.
    await carol.goto(`/apps/${APP}`);
    await expectVerified(carol, DEMO.carol.name);
    expect(Date.now()).toBeLessThan(endsAt);

    // Nobody touches anything: once the minute is over, her viewer's next token is refused and it shows not found.
    await expect(carol.getByTestId('not-found')).toContainText('App not found', { timeout: endsAt - Date.now() + 60_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(endsAt);
    await expect(carol.getByTestId('viewer-frame')).toHaveCount(0);
    await expect(carol.getByTestId('request-access-form')).toBeVisible();
  } finally {
    await setRule(alice, 'Everyone in the org');
  }
});
