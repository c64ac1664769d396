import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchOptions } from '../../browser/support/chromium-launch';

/** Headless Chromium as the tests and the viewer bench drive it (the Playwright specs' launch options). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}
