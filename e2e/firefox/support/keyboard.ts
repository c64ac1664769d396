import type { ElementHandle, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { focusIn } from '../../browser/support/read-focus';

// The Chromium suite's keyboard checks (e2e/browser/support/keyboard.ts), for puppeteer: every Tab
// stop must show a focus indicator, and the target must be reached within a bounded number of presses.

/** What has focus now, looking inside a focused frame (the artifact's, on another origin). */
const focusNow = (page: Page) => focusIn(page.mainFrame());

/** Fails unless something has focus and shows it. */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const focus = await focusNow(page);
  expect(focus.indicator, `no visible focus indicator on ${focus.where}`).toBe(true);
}

/** Whether `target` (or something inside it) has focus, in a document that has focus. */
export const isFocused = (target: ElementHandle<Element>) =>
  target.evaluate((el) => document.hasFocus() && (el === document.activeElement || el.contains(document.activeElement))).catch(() => false);

async function pressTab(page: Page, back = false): Promise<void> {
  if (back) await page.keyboard.down('Shift');
  await page.keyboard.press('Tab');
  if (back) await page.keyboard.up('Shift');
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, checking at every stop that the focused element
 * shows a focus indicator. Fails if the target is not reached within `max` presses.
 */
export async function tabTo(page: Page, target: ElementHandle<Element>, { back = false, max = 60 } = {}): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await pressTab(page, back);
    const focus = await focusNow(page);
    stops.push(focus.where);
    expect(focus.indicator, `no visible focus indicator on ${focus.where} (stops so far: ${stops.join(' → ')})`).toBe(true);
    if (await isFocused(target)) return;
  }
  const name = await target.evaluate((el) => el.outerHTML.slice(0, 120));
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} did not reach ${name} in ${max} presses; stops: ${stops.join(' → ')}`);
}
