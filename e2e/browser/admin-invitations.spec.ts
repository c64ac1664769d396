import { expect, test, type Locator, type Page } from '@playwright/test';
import { confirmAction, expectForbidden, snap } from './support/admin';
import { DEMO, storageStatePath } from './support/env';
import { expectVerified, pageAs, signInNewBrowser } from './support/pages';
import { captureAction, replayAction } from './support/replay';
import { SPEC_USERS } from './support/spec-users';

test.use({ storageState: storageStatePath('alice') });

const invitation = (page: Page, email: string) => page.locator(`[data-testid="invitation-row"][data-email="${email.toLowerCase()}"]`);
const newEmail = (name: string) => `${name}.${Date.now()}@NewCo.test`;

async function invite(page: Page, email: string, { role, days }: { role?: 'Admin' | 'Member'; days?: string } = {}): Promise<Locator> {
  const form = page.getByTestId('invite');
  await form.getByLabel('Email').fill(email);
  if (role) await form.getByLabel('Role').selectOption({ label: role });
  if (days !== undefined) await form.getByLabel('Expires after (days)').fill(days);
  await form.getByRole('button', { name: 'Invite' }).click();
  return form;
}

test('alice invites a new email as a member: a pending row says who invited and when it expires', async ({ page }, testInfo) => {
  await page.goto('/admin/members');
  await page.getByTestId('admin-nav').getByRole('link', { name: 'Invitations' }).click();
  await page.waitForURL('/admin/invitations');
  const email = newEmail('Nina');
  const form = await invite(page, email, { days: '3' });
  await expect(page.getByTestId('invite-ok')).toContainText(`Invited ${email} as a member until`);
  const row = invitation(page, email);
  await expect(row).toHaveAttribute('data-state', 'pending');
  await expect(row).toContainText('Member');
  await expect(row).toContainText('Pending');
  await expect(row).toContainText(DEMO.alice.name);
  const expires = new Date((await row.locator('time').last().getAttribute('datetime'))!).getTime();
  expect(Math.abs(expires - (Date.now() + 3 * 86_400_000))).toBeLessThan(5 * 60_000);
  // The form is ready for the next one.
  await expect(form.getByLabel('Email')).toHaveValue('');
  await expect(form.getByLabel('Expires after (days)')).toHaveValue('7');
  await snap(page, testInfo, 'invitations');

  // The same email again, in other letters' case, while the first is pending: refused, and said why.
  await invite(page, email.toUpperCase());
  await expect(page.getByTestId('invite-email-error')).toHaveText('That email already has a pending invitation: revoke it first to invite again.');
  await expect(form.getByLabel('Email')).toHaveValue(email.toUpperCase());
  await page.reload();
  await expect(invitation(page, email)).toHaveCount(1);
});

test('bad input is explained next to the field, nobody is invited, and the form keeps what was typed', async ({ page }) => {
  await page.goto('/admin/invitations');
  const count = await page.getByTestId('invitation-row').count();
  for (const [email, days, field, message] of [
    ['', '7', 'invite-email', 'Enter the email of the person to invite.'],
    ['not-an-email', '7', 'invite-email', 'Enter a valid email address.'],
    ['CAROL@Example.test', '7', 'invite-email', 'That person is already a member.'],
    ['someone@newco.test', '0', 'invite-days', 'An invitation lasts at least 1 day.'],
    ['someone@newco.test', '91', 'invite-days', 'An invitation lasts at most 90 days.'],
  ] as const) {
    const form = await invite(page, email, { days });
    await expect(page.getByTestId(`${field}-error`)).toHaveText(message);
    await expect(page.getByTestId('invite-error')).toContainText(/nobody was invited/i);
    await expect(form.getByLabel('Email')).toHaveValue(email);
    await expect(form.getByLabel('Expires after (days)')).toHaveValue(days);
  }
  await page.reload();
  await expect(page.getByTestId('invitation-row')).toHaveCount(count);
});

test('a pending invitation is revoked after a confirmation; the email can then be invited again', async ({ page }) => {
  await page.goto('/admin/invitations');
  const email = newEmail('Rita');
  await invite(page, email, { role: 'Admin' });
  const row = invitation(page, email);
  await expect(row).toHaveAttribute('data-state', 'pending');
  await expect(row).toContainText('Admin');
  await confirmAction(row, 'revoke-invitation', 'will no longer make them a member of Acme Inc');
  await expect(row).toHaveAttribute('data-state', 'revoked');
  await expect(row).toContainText('Revoked');
  await expect(row.getByTestId('revoke-invitation')).toHaveCount(0);

  await invite(page, email);
  await expect(page.getByTestId('invite-ok')).toBeVisible();
  await expect(invitation(page, email).and(page.locator('[data-state="pending"]'))).toHaveCount(1);
  await expect(invitation(page, email).and(page.locator('[data-state="revoked"]'))).toHaveCount(1);
});

test('bob, not an admin, gets a 403 page, and an invitation alice could send does nothing for him', async ({ page, browser }) => {
  const bob = await pageAs(browser, 'bob');
  await expectForbidden(bob, '/admin/invitations', { hidden: ['invite'] });
  await bob.context().close();

  await page.goto('/admin/invitations');
  const email = newEmail('Replay');
  const captured = await captureAction(page, '/admin/invitations', async () => {
    await invite(page, email);
  });
  const asBob = await replayAction('bob', '/admin/invitations', captured);
  expect(asBob.text).toContain('Only admins of this organization can do that.');
  await page.reload();
  await expect(invitation(page, email)).toHaveCount(0);
});

test('a person with an account declines an invitation: they stay out, and the row says declined', async ({ page, browser }) => {
  const dora = SPEC_USERS.inviteDeclined; // has an account, in no organization
  await page.goto('/admin/invitations');
  await invite(page, dora.email);
  const row = invitation(page, dora.email).and(page.locator('[data-state="pending"]'));
  await expect(row).toHaveCount(1);
  const id = await row.getAttribute('data-invitation-id');

  const home = await signInNewBrowser(browser, dora.email);
  const offer = home.locator(`[data-testid="invitation-offer"][data-invitation-id="${id}"]`);
  await expect(offer).toContainText(`${DEMO.alice.name} invites you to join Acme Inc as a member.`);
  await offer.getByRole('button', { name: 'Decline' }).click();
  await expect(offer).toHaveCount(0);
  await expect(home.getByTestId('no-apps')).toBeVisible();
  await expect(home.locator('[data-testid="org-section"][data-org-id="org_acme"]')).toHaveCount(0);
  await home.context().close();

  await page.reload();
  await expect(page.locator(`[data-testid="invitation-row"][data-invitation-id="${id}"]`)).toHaveAttribute('data-state', 'declined');
  await page.goto('/admin/members');
  await expect(page.locator(`[data-testid="member-row"][data-user-id="${dora.id}"]`)).toHaveCount(0);
});

test('a person with an account joins only by accepting on their home page, then opens the org’s apps', async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const jules = SPEC_USERS.inviteAccepted; // has an account, in no organization
  await page.goto('/admin/invitations');
  // The invitation's letter case differs from the account's email.
  await invite(page, 'Jules@Invitations.test');
  await expect(invitation(page, jules.email).and(page.locator('[data-state="pending"]'))).toHaveCount(1);

  // Signing in joins them to nothing: the invitation waits for their answer.
  const home = await signInNewBrowser(browser, jules.email);
  const acme = home.locator('[data-testid="org-section"][data-org-id="org_acme"]');
  await expect(acme).toHaveCount(0);
  const offer = home.getByTestId('invitation-offer').filter({ hasText: 'Acme Inc' });
  await expect(offer).toBeVisible();
  await snap(home, testInfo, 'invitation-offer');
  await offer.getByRole('button', { name: 'Accept' }).click();
  await expect(acme).toBeVisible();
  await expect(home.getByTestId('invitation-offer')).toHaveCount(0);
  await acme.getByRole('button', { name: 'Switch to Acme Inc' }).click();
  await expect(acme).toContainText('Active');
  await expect(acme.getByTestId('app-card').first()).toBeVisible();
  await home.goto('/apps/run_acme_dashboard');
  await expectVerified(home, jules.name);
  await home.context().close();

  await page.reload();
  const row = invitation(page, jules.email).and(page.locator('[data-state="accepted"]'));
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Accepted');
  await expect(row.getByTestId('revoke-invitation')).toHaveCount(0);
  await snap(page, testInfo, 'invitation-accepted');
  await page.goto('/admin/members');
  await expect(page.locator(`[data-testid="member-row"][data-user-id="${jules.id}"]`)).toHaveAttribute('data-role', 'member');
});
