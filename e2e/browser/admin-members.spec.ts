import { expect, test, type Browser, type Page } from '@playwright/test';
import { confirmAction, mintWithCookie, snap } from './support/admin';
import { DEMO, storageStatePath } from './support/env';
import { expectVerified } from './support/pages';

test.use({ storageState: storageStatePath('alice') });

const member = (page: Page, userId: string) => page.locator(`[data-testid="member-row"][data-user-id="${userId}"]`);

async function pageAs(browser: Browser, user: 'dave'): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(user) });
  return context.newPage();
}

test('alice sees Acme’s members and roles, and that a change applies at the very next mint', async ({ page }, testInfo) => {
  await page.goto('/admin/members');
  await expect(member(page, DEMO.alice.id)).toHaveAttribute('data-role', 'admin');
  await expect(member(page, DEMO.alice.id)).toContainText('Alice Anders (you)');
  await expect(member(page, DEMO.carol.id)).toHaveAttribute('data-role', 'member');
  await expect(member(page, DEMO.carol.id)).toContainText(DEMO.carol.email);
  await expect(member(page, DEMO.bob.id)).toHaveCount(0);
  await expect(page.getByTestId('members-note')).toContainText('refused (404) the next time their viewer asks for a token');
  await snap(page, testInfo, 'members');
});

test('the last admin cannot demote or remove herself', async ({ page }) => {
  await page.goto('/admin/members');
  const alice = member(page, DEMO.alice.id);
  await confirmAction(alice, 'change-role', 'this page will be closed to you');
  await expect(alice.getByTestId('change-role-error')).toHaveText('Acme Inc must keep at least one admin: make someone else an admin first.');
  await confirmAction(alice, 'remove-member', 'refused (404)');
  await expect(alice.getByTestId('remove-member-error')).toContainText('must keep at least one admin');
  await page.reload();
  await expect(member(page, DEMO.alice.id)).toHaveAttribute('data-role', 'admin');
});

test('bad input when adding a member is explained next to the field, and nobody is added', async ({ page }) => {
  await page.goto('/admin/members');
  const count = await page.getByTestId('member-row').count();
  const form = page.getByTestId('add-member');
  for (const [email, message] of [
    ['', 'Enter the email of the person to invite.'],
    ['not-an-email', 'Enter a valid email address.'],
    [DEMO.carol.email, 'That person is already a member.'],
  ] as const) {
    await form.getByLabel('Email').fill(email);
    await form.getByRole('button', { name: 'Invite member' }).click();
    await expect(page.getByTestId('member-email-error')).toHaveText(message);
    await expect(form.getByLabel('Email')).toHaveValue(email);
  }
  await page.reload();
  await expect(page.getByTestId('member-row')).toHaveCount(count);
});

test('"Add member" answers the same whether or not the email has an account, and adds nobody by itself', async ({ page }) => {
  await page.goto('/admin/members');
  const form = page.getByTestId('add-member');
  const answers: string[] = [];
  for (const email of [DEMO.bob.email, `nobody.${Date.now()}@example.test`]) {
    await form.getByLabel('Email').fill(email);
    await form.getByRole('button', { name: 'Invite member' }).click();
    const ok = page.getByTestId('add-member-ok');
    await expect(ok).toContainText(`Invited ${email} as a member.`);
    answers.push((await ok.innerText()).replace(email, '<email>'));
  }
  expect(answers[0]).toBe(answers[1]);
  expect(answers[0]).not.toContain(DEMO.bob.name);
  await page.reload();
  await expect(member(page, DEMO.bob.id)).toHaveCount(0);
  // Withdrawn again, so bob (a member of Globex only) stays out of Acme for the other specs.
  await page.goto('/admin/invitations');
  const bobRow = page.locator(`[data-testid="invitation-row"][data-email="${DEMO.bob.email}"][data-state="pending"]`);
  await confirmAction(bobRow, 'revoke-invitation', 'will no longer make them a member of Acme Inc');
  await expect(page.locator(`[data-testid="invitation-row"][data-email="${DEMO.bob.email}"][data-state="pending"]`)).toHaveCount(0);
});

test('dave is invited, accepts, is promoted, demoted and removed: each change governs his very next request', async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto('/admin/members');
  const form = page.getByTestId('add-member');
  await form.getByLabel('Email').fill(DEMO.dave.email);
  await form.getByRole('button', { name: 'Invite member' }).click();
  await expect(page.getByTestId('add-member-ok')).toContainText(`Invited ${DEMO.dave.email} as a member.`);
  await expect(member(page, DEMO.dave.id)).toHaveCount(0);

  // Dave accepts on his home page, then picks Acme and opens an app.
  const dave = await pageAs(browser, 'dave');
  await dave.goto('/');
  await dave.getByTestId('invitation-offer').filter({ hasText: 'Acme Inc' }).getByRole('button', { name: 'Accept' }).click();
  await expect(dave.locator('[data-testid="org-section"][data-org-id="org_acme"]')).toBeVisible();
  await page.reload();
  await expect(member(page, DEMO.dave.id)).toHaveAttribute('data-role', 'member');
  await dave.getByTestId('org-switcher').selectOption('org_acme');
  await expect(dave.locator('[data-testid="org-section"][data-org-id="org_acme"]')).toContainText('Active');
  await dave.goto('/apps/run_acme_dashboard');
  await expectVerified(dave, DEMO.dave.name);

  // A member gets the 403 page; made an admin, his next page load opens the console.
  const daveAdmin = await dave.context().newPage();
  await daveAdmin.goto('/admin/members');
  await expect(daveAdmin.getByTestId('forbidden')).toContainText('Admins only');
  await confirmAction(member(page, DEMO.dave.id), 'change-role', 'They can then manage Acme Inc’s apps');
  await expect(member(page, DEMO.dave.id)).toHaveAttribute('data-role', 'admin');
  await daveAdmin.reload();
  await expect(daveAdmin.getByTestId('members-table')).toBeVisible();
  await confirmAction(member(page, DEMO.dave.id), 'change-role', 'they lose the admin console');
  await expect(member(page, DEMO.dave.id)).toHaveAttribute('data-role', 'member');
  await daveAdmin.reload();
  await expect(daveAdmin.getByTestId('forbidden')).toBeVisible();
  await expect(daveAdmin.getByTestId('members-table')).toHaveCount(0);

  // Removed while his viewer is open: its next mint is refused, and it says "not found".
  await confirmAction(member(page, DEMO.dave.id), 'remove-member', 'even in a viewer that is open right now');
  await expect(member(page, DEMO.dave.id)).toHaveCount(0);
  await dave.getByRole('button', { name: 'Renew now' }).click();
  await expect(dave.getByTestId('viewer-status')).toHaveAttribute('data-state', 'not_found');
  await expect(dave.getByTestId('not-found')).toBeVisible();
  await expect(dave.getByTestId('viewer-frame')).toHaveCount(0);
  await snap(dave, testInfo, 'removed-member-viewer');
  const again = await mintWithCookie(dave.request, 'run_acme_dashboard');
  expect(again.status()).toBe(404);
  expect((await again.json()).code).toBe('not_found');
  await dave.context().close();

  // Acme's log has his mint as a member; the refusals after his removal are an outsider's, in the platform log.
  await page.goto(`/admin/audit?user=${DEMO.dave.id}`);
  await expect(page.locator('[data-testid="audit-row"][data-result="minted"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"][data-result="denied"][data-code="not_found"]')).toHaveCount(0);
  await page.goto('/admin/platform-log');
  await expect(page.locator(`[data-testid="audit-row"][data-user-id="${DEMO.dave.id}"][data-code="not_found"]`).first()).toBeVisible();
});

test('a confirmation can be cancelled: nothing changes', async ({ page }) => {
  await page.goto('/admin/members');
  const carol = member(page, DEMO.carol.id);
  const remove = carol.getByTestId('remove-member');
  await remove.getByRole('button', { name: 'Remove' }).click();
  await expect(remove.getByRole('alertdialog')).toContainText('Remove Carol Chen from Acme Inc?');
  await remove.getByRole('button', { name: 'Cancel' }).click();
  await expect(remove.getByRole('alertdialog')).toHaveCount(0);
  await page.reload();
  await expect(member(page, DEMO.carol.id)).toHaveAttribute('data-role', 'member');
});
