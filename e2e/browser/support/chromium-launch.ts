import { existsSync } from 'node:fs';

/**
 * How every Chromium of the tests and benches is launched: CHROMIUM_PATH, else the system's
 * /usr/bin/chromium, else Playwright's own (undefined); headless, no sandbox, GPU or background traffic.
 */
export const chromiumLaunchOptions = {
  executablePath: [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p): p is string => !!p && existsSync(p)),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
