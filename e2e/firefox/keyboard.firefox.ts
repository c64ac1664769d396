import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { DEMO, DEMO_PASSWORD } from './support/env';
import { expectVisibleFocus, isFocused, tabTo } from './support/keyboard';
import { artifactFrame, attributeOf, byTestId, control, countOf, expectVerified, field, gateway, textOf, useFirefox, waitForPath } from './support/pages';

// The main pages with the keyboard only (Tab, Shift+Tab, Enter, Space, arrows in a select, typing), as
// e2e/browser/keyboard.spec.ts does in Chromium: every Tab stop shows a focus indicator, and when a
// view replaces what had focus, focus lands somewhere sensible.
describe('alice in Firefox, with the keyboard only', () => {
  const firefox = useFirefox();
  let page: Page;

  it('signs in: the form’s first field takes focus, Tab reaches the password and the button', async () => {
    page = await firefox.newPage();
    await page.goto(gateway('/signin'));
    const email = await field(page, 'Email');
    await expect.poll(() => isFocused(email)).toBe(true);
    await page.keyboard.type(DEMO.alice.email);
    await tabTo(page, await field(page, 'Password'));
    await page.keyboard.type(DEMO_PASSWORD);
    await tabTo(page, await control(page, 'Sign in', byTestId('signin-form')));
    await page.keyboard.press('Enter');
    await waitForPath(page, '/');
    await expect.poll(() => textOf(page, byTestId('user-name'))).toBe(DEMO.alice.name);
  });

  it('home: Tab reaches an app’s link, Enter opens the viewer, and Tab goes on into the artifact’s frame', async () => {
    await tabTo(page, await control(page, 'Sales dashboard', '[data-app-id="run_acme_dashboard"]'));
    await page.keyboard.press('Enter');
    await waitForPath(page, '/apps/run_acme_dashboard');
    const frame = await expectVerified(page, DEMO.alice.name);

    // Into the cross-site frame and onto the artifact's own button; Enter asks the viewer for a fresh token.
    await tabTo(page, (await frame.waitForSelector('#refresh-token'))!);
    await page.keyboard.press('Enter');
    await expect.poll(() => textOf(frame, '#status')).toBe('verified');
    expect(await textOf(frame, '#viewer-name')).toBe(DEMO.alice.name);
    expect(await textOf(frame, '#load-count')).toBe('1'); // renewed by message, never reloaded
    expect(await attributeOf(page, byTestId('viewer-status'), 'data-state')).toBe('live');

    // Shift+Tab leads back out of the frame to the viewer's own controls.
    await tabTo(page, await control(page, 'Renew now'), { back: true });
    expect((await artifactFrame(page)) === frame).toBe(true);
  });

  it('console, test mint: Tab reaches Run, the result takes focus, Shift+Tab reaches Copy curl', async () => {
    await page.goto(gateway('/admin/test-mint'));
    await tabTo(page, (await page.waitForSelector(byTestId('test-mint-run')))!);
    await page.keyboard.press('Enter');
    const result = (await page.waitForSelector(byTestId('test-mint-result'), { timeout: 15_000 }))!;
    await expect.poll(() => textOf(page, `${byTestId('test-mint-result')} ${byTestId('verdict')}`)).toContain('Valid app session token');
    await expect.poll(() => isFocused(result)).toBe(true);
    await expectVisibleFocus(page);
    await tabTo(page, (await page.waitForSelector(byTestId('copy-curl')))!, { back: true });
    await page.keyboard.press(' '); // Space
    await expect.poll(() => textOf(page, byTestId('copy-curl'))).toBe('Copied');
  });

  it('console, audit log: Tab reaches the filters, an arrow picks a result, Enter applies them; Tab reaches the export', async () => {
    await page.goto(gateway('/admin/audit'));
    const result = await field(page, 'Result');
    await tabTo(page, result);
    await page.keyboard.press('ArrowDown'); // Any result → Minted
    await expect.poll(() => result.evaluate((el) => (el as HTMLSelectElement).value)).toBe('minted');
    await tabTo(page, await control(page, 'Apply filters'));
    await page.keyboard.press('Enter');
    await waitForPath(page, /^\/admin\/audit\?.*result=minted/);
    await expect.poll(() => attributeOf(page, byTestId('audit-row'), 'data-result')).toBe('minted');
    expect(await countOf(page, `${byTestId('audit-row')}[data-result="denied"]`)).toBe(0);
    await tabTo(page, (await page.waitForSelector(byTestId('audit-export')))!);
  });

  it('console, keys: the confirmation takes focus and, cancelled with the keyboard, gives it back to its trigger', async () => {
    await page.goto(gateway('/admin/keys'));
    const trigger = await control(page, 'Rotate keys', `main ${byTestId('rotate-keys')}`);
    await tabTo(page, trigger);
    await page.keyboard.press('Enter');
    const cancel = await control(page, 'Cancel', `${byTestId('rotate-keys')} [role="alertdialog"]`);
    await expect.poll(() => isFocused(cancel)).toBe(true);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => countOf(page, `${byTestId('rotate-keys')} [role="alertdialog"]`)).toBe(0);
    await expect.poll(async () => isFocused(await control(page, 'Rotate keys', `main ${byTestId('rotate-keys')}`))).toBe(true);
    await expectVisibleFocus(page);
  });

  it('console tabs: Shift+Tab reaches the admin navigation, and Enter on a tab opens that page', async () => {
    await tabTo(page, await control(page, 'Members', byTestId('admin-nav')), { back: true });
    await page.keyboard.press('Enter');
    await waitForPath(page, '/admin/members');
    await expect.poll(() => countOf(page, byTestId('member-row'))).toBeGreaterThan(0);
    await tabTo(page, await control(page, 'Make admin', `[data-testid="member-row"][data-user-id="${DEMO.carol.id}"]`));
  });
});
