import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test as setup } from '@playwright/test';
import { DEMO, storageStatePath, type DemoUser } from './support/env';
import { submitSignIn } from './support/pages';

// Sign each demo user in once through the real form; the specs reuse the stored browser state.
for (const user of Object.keys(DEMO) as DemoUser[]) {
  setup(`sign in as ${user}`, async ({ page }) => {
    await page.goto('/signin');
    await submitSignIn(page, DEMO[user].email);
    await page.waitForURL('/');
    await expect(page.getByTestId('user-name')).toHaveText(DEMO[user].name);
    const file = storageStatePath(user);
    mkdirSync(path.dirname(file), { recursive: true });
    await page.context().storageState({ path: file });
  });
}
