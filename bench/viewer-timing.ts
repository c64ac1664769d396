import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function executablePath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(p));
}

/** Navigation to the artifact showing the verified viewer, in Chromium, `loads` times. */
export async function viewerTiming(gatewayUrl: string, cookie: string, loads = 20): Promise<{ p50: number; p95: number; samples: number[] }> {
  const browser = await chromium.launch({
    executablePath: executablePath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext();
    const [name, ...value] = cookie.split('=');
    await context.addCookies([{ name: name!, value: value.join('='), url: gatewayUrl, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    const samples: number[] = [];
    for (let i = 0; i < loads + 2; i++) {
      const started = performance.now();
      await page.goto(`${gatewayUrl}/apps/run_acme_dashboard`);
      await page.frameLocator('iframe').locator('#status').filter({ hasText: /^verified$/ }).waitFor({ timeout: 30_000 });
      if (i >= 2) samples.push(Math.round(performance.now() - started)); // two warm-up loads
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), samples };
  } finally {
    await browser.close();
  }
}
