import { expect, test, type Page } from '@playwright/test';
import { confirmAction, mintWithCookie, snap } from './support/admin';
import { DEMO, storageStatePath } from './support/env';
import { expectVerified, signInNewBrowser } from './support/pages';
import { SPEC_USERS } from './support/spec-users';

test.use({ storageState: storageStatePath('alice') });

const member = (page: Page, userId: string) => page.locator(`[data-testid="member-row"][data-user-id="${userId}"]`);

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
  const hana = SPEC_USERS.memberOffered; // has an account, in no organization
  await page.goto('/admin/members');
  const form = page.getByTestId('add-member');
  const answers: string[] = [];
  for (const email of [hana.email, `nobody.${Date.now()}@example.test`]) {
    await form.getByLabel('Email').fill(email);
    await form.getByRole('button', { name: 'Invite member' }).click();
    const ok = page.getByTestId('add-member-ok');
    await expect(ok).toContainText(`Invited ${email} as a member.`);
    answers.push((await ok.innerText()).replace(email, '<email>'));
  }
  expect(answers[0]).toBe(answers[1]);
  expect(answers[0]).not.toContain(hana.name);
  await page.reload();
  await expect(member(page, hana.id)).toHaveCount(0);
});

test('someone is invited, accepts, is promoted, demoted and removed: each change governs her very next request', async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const erin = SPEC_USERS.memberCycled; // has an account, in no organization
  await page.goto('/admin/members');
  const form = page.getByTestId('add-member');
  await form.getByLabel('Email').fill(erin.email);
  await form.getByRole('button', { name: 'Invite member' }).click();
  await expect(page.getByTestId('add-member-ok')).toContainText(`Invited ${erin.email} as a member.`);
  await expect(member(page, erin.id)).toHaveCount(0);

  // She accepts on her home page, then picks Acme and opens an app.
  const erinTab = await signInNewBrowser(browser, erin.email);
  await erinTab.getByTestId('invitation-offer').filter({ hasText: 'Acme Inc' }).getByRole('button', { name: 'Accept' }).click();
  await expect(erinTab.locator('[data-testid="org-section"][data-org-id="org_acme"]')).toBeVisible();
  await page.reload();
  await expect(member(page, erin.id)).toHaveAttribute('data-role', 'member');
  await erinTab.getByTestId('org-switcher').selectOption('org_acme');
  await expect(erinTab.locator('[data-testid="org-section"][data-org-id="org_acme"]')).toContainText('Active');
  await erinTab.goto('/apps/run_acme_dashboard');
  await expectVerified(erinTab, erin.name);

  // A member gets the 403 page; made an admin, her next page load opens the console.
  const erinConsole = await erinTab.context().newPage();
  await erinConsole.goto('/admin/members');
  await expect(erinConsole.getByTestId('forbidden')).toContainText('Admins only');
  await confirmAction(member(page, erin.id), 'change-role', 'They can then manage Acme Inc’s apps');
  await expect(member(page, erin.id)).toHaveAttribute('data-role', 'admin');
  await erinConsole.reload();
  await expect(erinConsole.getByTestId('members-table')).toBeVisible();
  await confirmAction(member(page, erin.id), 'change-role', 'they lose the admin console');
  await expect(member(page, erin.id)).toHaveAttribute('data-role', 'member');
  await erinConsole.reload();
  await expect(erinConsole.getByTestId('forbidden')).toBeVisible();
  await expect(erinConsole.getByTestId('members-table')).toHaveCount(0);

  // Removed while her viewer is open: its next mint is refused, and it says "not found".
  await confirmAction(member(page, erin.id), 'remove-member', 'even in a viewer that is open right now');
  await expect(member(page, erin.id)).toHaveCount(0);
  await erinTab.getByRole('button', { name: 'Renew now' }).click();
  await expect(erinTab.getByTestId('viewer-status')).toHaveAttribute('data-state', 'not_found');
  await expect(erinTab.getByTestId('not-found')).toBeVisible();
  await expect(erinTab.getByTestId('viewer-frame')).toHaveCount(0);
  await snap(erinTab, testInfo, 'removed-member-viewer');
  const again = await mintWithCookie(erinTab.request, 'run_acme_dashboard');
  expect(again.status()).toBe(404);
  expect((await again.json()).code).toBe('not_found');
  await erinTab.context().close();

  // Acme's log has her mint as a member; the refusals after her removal are an outsider's, in the platform log.
  await page.goto(`/admin/audit?user=${erin.id}`);
  await expect(page.locator('[data-testid="audit-row"][data-result="minted"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"][data-result="denied"][data-code="not_found"]')).toHaveCount(0);
  await page.goto('/admin/platform-log');
  await expect(page.locator(`[data-testid="audit-row"][data-user-id="${erin.id}"][data-code="not_found"]`).first()).toBeVisible();
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
