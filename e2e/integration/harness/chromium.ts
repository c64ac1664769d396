import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Headless Chromium as the tests and the viewer bench drive it: CHROMIUM_PATH, else the system's
 * /usr/bin/chromium, else Playwright's own; no sandbox, GPU or background traffic.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p)),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
