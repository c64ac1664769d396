import { expect, test, type Page } from '@playwright/test';
import { confirmAction, mintWithCookie, snap } from './support/admin';
import { expectAccessible } from './support/axe';
import { DEMO } from './support/env';
import { homeIn, pageAs } from './support/pages';

// SPEC §18 in the console: alice (admin of Acme) makes a group, opens an app to it, and carol (a
// member of Acme) lives it; a non-member cannot be added.
const APP = 'run_acme_onboarding';

async function setGroupRule(page: Page, groups: string[]) {
  await page.goto(`/admin/apps/${APP}`);
  const form = page.getByTestId('app-access');
  await form.getByRole('radio', { name: groups.length ? 'Admins and these members and groups' : 'Everyone in the org' }).check();
  for (const box of await form.getByRole('checkbox').all()) await box.setChecked(false);
  for (const name of groups) await form.getByRole('checkbox', { name }).check();
  await form.getByRole('button', { name: 'Save who can open it' }).click();
  return form;
}

test('alice makes a group, opens an app to it; carol gets in while she is in it and loses it when removed', async ({ browser }, testInfo) => {
  const alice = await pageAs(browser, 'alice');
  const carol = await pageAs(browser, 'carol');
  await homeIn(carol, 'org_acme');
  const name = `Field team ${Date.now().toString(36)}`;
  try {
    await alice.goto('/admin/groups');
    const create = alice.getByTestId('create-group');
    await create.getByLabel('Name').fill('');
    await create.getByRole('button', { name: 'Create group' }).click();
    await expect(alice.getByTestId('group-name-error')).toHaveText('A group needs a name.');
    await create.getByLabel('Name').fill(name);
    await create.getByRole('button', { name: 'Create group' }).click();
    await expect(alice.getByTestId('create-group-ok')).toHaveText(`Created the group ${name}.`);
    const group = alice.getByRole('region', { name });
    await expect(group).toContainText('0 members');

    // Someone of another org is refused next to the field, and nobody is added.
    const add = group.getByTestId('add-group-member');
    await add.getByLabel(`Add a member to ${name}`).fill(DEMO.bob.email);
    await add.getByRole('button', { name: 'Add' }).click();
    await expect(group.getByRole('alert').filter({ hasText: 'No member of Acme Inc has this email.' })).toBeVisible();
    await expect(group.getByLabel(`Add a member to ${name}`)).toHaveValue(DEMO.bob.email);
    await group.getByLabel(`Add a member to ${name}`).fill(DEMO.carol.email.toUpperCase());
    await group.getByRole('button', { name: 'Add' }).click();
    await expect(group.getByTestId('group-member')).toContainText(DEMO.carol.name);
    await expect(group.getByTestId('group-count')).toHaveText('1 member');
    await snap(alice, testInfo, 'groups');
    await expectAccessible(alice, testInfo, 'console groups with a group and a member');

    await setGroupRule(alice, [name]);
    await expect(alice.getByTestId('app-access-ok')).toContainText(`Who can open it: admins and group ${name}.`);
    expect((await mintWithCookie(carol.request, APP)).status()).toBe(200);

    await alice.goto('/admin/groups');
    await confirmAction(alice.getByRole('region', { name }).getByTestId('group-member'), 'remove-group-member', 'close to them');
    await expect(alice.getByRole('region', { name }).getByTestId('group-count')).toHaveText('0 members');
    expect((await mintWithCookie(carol.request, APP)).status()).toBe(404);

    await confirmAction(alice.getByRole('region', { name }), 'delete-group', 'leaves every app’s list');
    await expect(alice.getByRole('region', { name })).toHaveCount(0);
  } finally {
    await setGroupRule(alice, []);
  }
});
