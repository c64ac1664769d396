import { expect, type Locator, type Page } from '@playwright/test';
import { focusIn } from './read-focus';

/** What has focus now, looking inside a focused frame (the artifact's, on another origin). */
const focusNow = (page: Page) => focusIn(page.mainFrame());

/** Fails unless something has focus and shows it. */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const focus = await focusNow(page);
  expect(focus.indicator, `no visible focus indicator on ${focus.where}`).toBe(true);
}

const isFocused = (target: Locator) =>
  target.evaluate((el) => document.hasFocus() && (el === document.activeElement || el.contains(document.activeElement))).catch(() => false);

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, checking at every stop that the focused
 * element shows a focus indicator. Fails if the target is not reached within `max` presses.
 */
export async function tabTo(page: Page, target: Locator, { back = false, max = 60 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    await expectVisibleFocus(page);
    if (await isFocused(target)) return;
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} did not reach ${target.toString()} in ${max} presses`);
}
