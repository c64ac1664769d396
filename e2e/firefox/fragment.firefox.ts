import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appOrigin, ARTIFACT_PROXY_DOMAIN, DEMO } from './support/env';
import { attributeOf, gateway, isWhoamiRequest, mintFromGatewayPage, recordRequests, submitSignIn, textOf, useFirefox, waitForPath } from './support/pages';

// An org member sends a colleague `artifact/#app_token=<own token>`: opened at top level, the artifact
// must not act as the sender. The token is real (minted for alice), so only the rule stops it.
describe('a token in the fragment of a link, opened at top level in Firefox', () => {
  const firefox = useFirefox();
  let gatewayPage: Page;

  beforeAll(async () => {
    gatewayPage = await firefox.newPage();
    await gatewayPage.goto(gateway('/signin'));
    await submitSignIn(gatewayPage, DEMO.alice.email);
    await waitForPath(gatewayPage, '/');
  });

  it('the SDK artifact drops it, says to open it from the gateway, and never uses it', async () => {
    const minted = await mintFromGatewayPage(gatewayPage, 'run_acme_dashboard');
    expect(minted.status).toBe(200);
    const token = minted.token!;

    const page = await firefox.newPage();
    const requests = recordRequests(page);
    await page.goto(`${appOrigin('run_acme_dashboard')}/#app_token=${token}`);
    await expect.poll(() => textOf(page, '#status')).toBe('Open this app from the gateway.');
    expect(await attributeOf(page, '#status', 'data-state')).toBe('error');
    // The address bar keeps no token (nor the history entry).
    expect(await page.evaluate(() => location.href)).toBe(`${appOrigin('run_acme_dashboard')}/`);
    expect(page.url()).not.toContain(token);
    expect(await textOf(page, '#viewer-name')).toBe('—');
    expect(requests.filter(isWhoamiRequest)).toEqual([]);
    expect(requests.some((r) => r.headers().authorization?.includes(token))).toBe(false);
    await page.close();
  });

  it('the proxied app drops it too: no session is made from it, and it says to open the app from App Gateway', async () => {
    const minted = await mintFromGatewayPage(gatewayPage, 'run_acme_plain');
    expect(minted.status).toBe(200);
    const token = minted.token!;
    const origin = appOrigin('run_acme_plain', ARTIFACT_PROXY_DOMAIN);

    const page = await firefox.newPage();
    const requests = recordRequests(page);
    await page.goto(`${origin}/#app_token=${token}`);
    await expect.poll(() => attributeOf(page, '#app-gateway-bootstrap', 'data-state')).toBe('no_viewer');
    expect(await textOf(page, '#app-gateway-bootstrap')).toBe('Open this app from App Gateway to sign in to it.');
    expect(await page.evaluate(() => location.href)).toBe(`${origin}/`);
    expect(await textOf(page, '#greeting')).toBeNull();
    expect(requests.filter((r) => new URL(r.url()).pathname === '/.app-gateway/session')).toEqual([]);
    await page.close();
  });
});
