import type { HTTPRequest, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { appOrigin, ARTIFACT_PROXY_DOMAIN, DEMO } from './support/env';
import {
  artifactFrame,
  attributeOf,
  byTestId,
  control,
  expectVerified,
  gateway,
  isMintRequest,
  recordRequests,
  submitSignIn,
  textOf,
  useFirefox,
  waitForPath,
} from './support/pages';

// SPEC §5, §10, §11 in Firefox: the sign-in, the fragment hand-off to the SDK artifact, and the
// proxied app, whose session cookie lives in a cross-site frame (Partitioned, Total Cookie Protection).
const DASHBOARD_ORIGIN = appOrigin('run_acme_dashboard');
const PLAIN = 'run_acme_plain';
const PLAIN_ORIGIN = appOrigin(PLAIN, ARTIFACT_PROXY_DOMAIN);

describe('alice in Firefox', () => {
  const firefox = useFirefox();
  let page: Page;

  it('signs in through the sign-in form and lands on her home page', async () => {
    page = await firefox.newPage();
    await page.goto(gateway('/signin'));
    await submitSignIn(page, DEMO.alice.email);
    await waitForPath(page, '/');
    await expect.poll(() => textOf(page, byTestId('user-name'))).toBe(DEMO.alice.name);
    await expect.poll(() => textOf(page, '[data-app-id="run_acme_dashboard"]')).toContain('Sales dashboard');
  });

  it('the viewer shows the SDK artifact, which greets her by her verified name; the token travels only in the fragment', async () => {
    const requests = recordRequests(page);
    await page.goto(gateway('/apps/run_acme_dashboard'));
    await expect.poll(() => textOf(page, byTestId('app-title'))).toBe('Sales dashboard');
    await expect.poll(() => textOf(page, byTestId('app-org'))).toBe('Acme Inc');

    const frame = await expectVerified(page, DEMO.alice.name);
    expect(await textOf(frame, '#viewer-email')).toBe(DEMO.alice.email);
    expect(await textOf(frame, '#viewer-sub')).toBe(DEMO.alice.id);
    expect(await textOf(frame, '#viewer-org')).toBe('org_acme');
    await expect.poll(() => attributeOf(page, byTestId('viewer-status'), 'data-state')).toBe('live');

    // Loaded once at `<origin>/#app_token=<jwt>`; the SDK then strips the fragment from the address.
    const src = new URL((await attributeOf(page, byTestId('viewer-frame'), 'src')) ?? '');
    expect(src.origin).toBe(DASHBOARD_ORIGIN);
    expect(src.search).toBe('');
    const token = new URLSearchParams(src.hash.slice(1)).get('app_token') ?? '';
    expect(token.split('.')).toHaveLength(3);
    expect(await frame.evaluate(() => location.href)).toBe(`${DASHBOARD_ORIGIN}/`);

    // The artifact's backend got it as a bearer token. No request put it in a path, a query or a
    // Referer (the frame's own URL shows the fragment, which is never sent).
    const whoami = requests.filter((r) => r.url() === `${DASHBOARD_ORIGIN}/api/whoami`);
    expect(whoami.length).toBeGreaterThan(0);
    expect(whoami[0]!.headers().authorization).toBe(`Bearer ${token}`);
    const signature = token.split('.')[2]!;
    for (const request of requests) {
      const url = new URL(request.url());
      expect(`${url.pathname}${url.search}`, request.url()).not.toContain(signature);
      expect(request.headers().referer ?? '', request.url()).not.toContain(signature);
    }
  });

  it('a renewal reaches the SDK artifact by postMessage: its backend verifies the new token, and the frame is not reloaded', async () => {
    const frame = await artifactFrame(page);
    const requests = recordRequests(page);
    await (await control(page, 'Renew now'))!.click();
    await expect.poll(() => requests.filter((r) => r.url() === `${DASHBOARD_ORIGIN}/api/whoami` && r.response()?.status() === 200).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const [mint] = requests.filter(isMintRequest);
    const renewed = ((await mint!.response()!.json()) as { token: string }).token;
    const src = new URL((await attributeOf(page, byTestId('viewer-frame'), 'src')) ?? '');
    expect(renewed).not.toBe(new URLSearchParams(src.hash.slice(1)).get('app_token'));
    expect(requests.find((r) => r.url() === `${DASHBOARD_ORIGIN}/api/whoami`)!.headers().authorization).toBe(`Bearer ${renewed}`);
    await expect.poll(() => textOf(frame, '#status')).toBe('verified');
    expect(await textOf(frame, '#viewer-name')).toBe(DEMO.alice.name);
    expect(await textOf(frame, '#load-count')).toBe('1');
    expect(requests.filter((r) => r.isNavigationRequest())).toEqual([]);
  });

  it('the proxied app, which verifies nothing itself, greets her on an origin of its own', async () => {
    const requests = recordRequests(page);
    await page.goto(gateway(`/apps/${PLAIN}`));
    const frame = await artifactFrame(page);
    await expect.poll(() => textOf(frame, '#greeting'), { timeout: 20_000 }).toBe(`Hello, ${DEMO.alice.name}`);
    expect(await textOf(frame, '[data-header="x-app-gateway-user-id"]')).toBe(DEMO.alice.id);
    expect(await textOf(frame, '[data-header="x-app-gateway-user-email"]')).toBe(DEMO.alice.email);
    expect(await textOf(frame, '[data-header="x-app-gateway-org-id"]')).toBe('org_acme');
    expect(await textOf(frame, '[data-header="x-app-gateway-assertion"]')).toBeNull();

    // No token in its address or anything its scripts can read; the proxy's cookie is HttpOnly.
    const token = new URLSearchParams(new URL((await attributeOf(page, byTestId('viewer-frame'), 'src')) ?? '').hash.slice(1)).get('app_token') ?? '';
    expect(token).not.toBe('');
    const seen = await frame.evaluate(() => ({ href: location.href, html: document.documentElement.outerHTML, cookie: document.cookie }));
    expect(seen.href).toBe(`${PLAIN_ORIGIN}/`);
    for (const value of Object.values(seen)) expect(value).not.toContain(token.split('.')[2]);
    // The bootstrap page, then one reload onto the upstream's page: the cookie was kept in the frame.
    const documents = requests.filter((r) => r.isNavigationRequest() && r.frame() !== page.mainFrame());
    expect(documents.map((r) => new URL(r.url()).origin)).toEqual([PLAIN_ORIGIN, PLAIN_ORIGIN]);
  });

  it('a renewal reaches the proxied app’s page, which renews its proxy session from inside the frame (204), without a reload', async () => {
    const frame = await artifactFrame(page);
    const requests = recordRequests(page);
    await (await control(page, 'Renew now'))!.click();
    const isSessionPost = (r: HTTPRequest) => r.method() === 'POST' && r.url() === `${PLAIN_ORIGIN}/.app-gateway/session`;
    await expect.poll(() => requests.filter((r) => isSessionPost(r) && r.response()?.status() === 204).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const again = await frame.evaluate(async () => {
      const response = await fetch('/', { credentials: 'same-origin' });
      return { status: response.status, text: await response.text() };
    });
    expect(again.status).toBe(200);
    expect(again.text).toContain(`Hello, ${DEMO.alice.name}`);
    expect(await textOf(frame, '#greeting')).toBe(`Hello, ${DEMO.alice.name}`);
    expect(requests.filter((r) => r.isNavigationRequest())).toEqual([]);
  });

  it('the proxied app’s session lives in the gateway’s partition: opened at top level, it is not signed in', async () => {
    const top = await firefox.newPage();
    await top.goto(`${PLAIN_ORIGIN}/`);
    await expect.poll(() => attributeOf(top, '#app-gateway-bootstrap', 'data-state'), { timeout: 10_000 }).toBe('no_viewer');
    expect(await textOf(top, '#greeting')).toBeNull();
    expect(await top.evaluate(async () => (await fetch('/api/roster')).status)).toBe(401);
    await top.close();
  });
});
