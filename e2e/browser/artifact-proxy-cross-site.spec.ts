import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Frame, type Page } from '@playwright/test';
import type { UpstreamRequestRecord } from '../artifact-host/plain-upstream';
import { appOrigin, ARTIFACT_PROXY_DOMAIN, DEMO, plainUpstreamRequestLog, storageStatePath } from './support/env';
import { artifact } from './support/pages';

// SPEC §11 amended: the proxy's session cookie is partitioned by the gateway's site, so every
// artifact the viewer frames shares it. A hostile artifact framed by the same viewer must get
// nothing of a proxied app: not its identity at the upstream, not its pages, not its WebSocket.
const PLAIN = 'run_acme_plain';
const PLAIN_ORIGIN = appOrigin(PLAIN, ARTIFACT_PROXY_DOMAIN);
const HOSTILE = 'run_acme_dashboard';
const HOSTILE_ORIGIN = appOrigin(HOSTILE);

/** Every shape of request a page can make the browser send to another site, with the cookies of the gateway's partition. */
const HOSTILE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not a dashboard</title></head>
<body>
<h1>Not a dashboard</h1>
<iframe name="sink" id="sink" title="sink"></iframe>
<form id="post" method="POST" action="${PLAIN_ORIGIN}/" target="sink"><input name="delete" value="everything"></form>
<iframe id="nested" title="nested" src="${PLAIN_ORIGIN}/"></iframe>
<script>
  const target = ${JSON.stringify(PLAIN_ORIGIN)};
  const results = (window.results = { wsMessages: [] });
  document.getElementById('sink').addEventListener('load', () => (results.form = 'loaded'));
  document.getElementById('nested').addEventListener('load', () => (results.nested = 'loaded'));
  fetch(target + '/', { method: 'POST', mode: 'no-cors', credentials: 'include', body: 'delete=everything' })
    .then((r) => (results.fetch = r.type), () => (results.fetch = 'error'));
  const img = new Image();
  img.onload = () => (results.img = 'loaded');
  img.onerror = () => (results.img = 'error');
  img.src = target + '/?as=image';
  const script = document.createElement('script');
  script.onload = () => (results.script = 'loaded');
  script.onerror = () => (results.script = 'error');
  script.src = target + '/?as=script';
  document.head.append(script);
  const ws = new WebSocket(target.replace(/^http/, 'ws') + '/ws');
  ws.onopen = () => (results.ws = 'open');
  ws.onmessage = (event) => results.wsMessages.push(String(event.data));
  ws.onclose = () => (results.ws = 'closed');
  document.getElementById('post').submit();
</script>
</body></html>`;

/** What the plain upstream has received in this run. */
function upstreamLog(): UpstreamRequestRecord[] {
  return readFileSync(plainUpstreamRequestLog(), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as UpstreamRequestRecord);
}

/** Opens the proxied app in the viewer, which leaves its session cookie in the gateway's partition. */
async function openPlainApp(page: Page): Promise<void> {
  await page.goto(`/apps/${PLAIN}`);
  await expect(artifact(page).locator('#greeting')).toHaveText(`Hello, ${DEMO.alice.name}`);
}

const frameAt = (page: Page, origin: string, name?: string): Frame | undefined =>
  page.frames().find((f) => f.url().startsWith(origin) && (name === undefined || f.name() === name));

test.describe('alice, with the proxied app’s session in her browser', () => {
  test.use({ storageState: storageStatePath('alice') });

  let hostileServer: Server;
  let hostilePageUrl: string;
  test.beforeAll(async () => {
    hostileServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HOSTILE_PAGE));
    await new Promise<void>((resolve) => hostileServer.listen(0, '127.0.0.1', resolve));
    hostilePageUrl = `http://127.0.0.1:${(hostileServer.address() as AddressInfo).port}/`;
  });
  test.afterAll(async () => {
    await new Promise((resolve) => hostileServer?.close(resolve));
  });

  test('the app’s own page opens its WebSocket and is greeted as her', async ({ page }) => {
    await openPlainApp(page);
    const app = frameAt(page, PLAIN_ORIGIN)!;
    const greeting = await app.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
          ws.onmessage = (event) => {
            resolve(String(event.data));
            ws.close();
          };
          ws.onerror = () => reject(new Error('the WebSocket failed'));
        }),
    );
    expect(greeting).toBe(`Hello, ${DEMO.alice.name}`);
  });

  test('a hostile artifact framed by the same viewer gets nothing of the app: no POST, form, image, script, WebSocket or nested frame reaches it with her identity', async ({ page }) => {
    await openPlainApp(page);
    const before = upstreamLog().length;

    // The viewer frames another app's artifact; this one is hostile. Served from a real loopback server
    // (a page Playwright fulfilled itself would count as public, and Chromium's local network access
    // checks would block its requests before any reached the proxy).
    await page.route(
      (url) => url.origin === HOSTILE_ORIGIN && url.pathname === '/',
      (route) => route.continue({ url: hostilePageUrl }),
    );
    await page.goto(`/apps/${HOSTILE}`);
    await expect(artifact(page).locator('h1')).toHaveText('Not a dashboard');
    const hostile = frameAt(page, HOSTILE_ORIGIN)!;
    type Results = { fetch?: string; img?: string; script?: string; ws?: string; form?: string; nested?: string; wsMessages: string[] };
    const results = () => hostile.evaluate(() => (window as unknown as { results: Results }).results);
    await expect.poll(async () => Object.keys(await results()).sort()).toEqual(['fetch', 'form', 'img', 'nested', 'script', 'ws', 'wsMessages']);

    const seen = await results();
    expect(seen.ws).toBe('closed'); // refused: it never opened
    expect(seen.wsMessages).toEqual([]);
    expect(seen.img).toBe('error');
    expect(seen.script).toBe('error');
    // The form's answer, shown in the hostile page's frame: the proxy's refusal, not the app.
    const sink = frameAt(page, PLAIN_ORIGIN, 'sink');
    expect(sink).toBeDefined();
    expect(await sink!.locator('body').textContent()).toContain('"code":"cross_site"');
    // The app nested in the hostile page: never the app's page.
    await expect(artifact(page).frameLocator('#nested').locator('#greeting')).toHaveCount(0);

    // And the upstream heard nothing from the hostile page while it ran: no request, with or without her
    // identity. (The app's own pages, in a spec running beside this one, may reach it meanwhile: those
    // are same-origin or carry the app's Origin, which no other page can send.)
    const ownPages = (r: UpstreamRequestRecord) => r.fetchSite === 'same-origin' || r.origin === PLAIN_ORIGIN;
    expect(upstreamLog().slice(before).filter((r) => !ownPages(r))).toEqual([]);

    // Her own viewer still shows the app.
    await page.unrouteAll();
    await openPlainApp(page);
  });

  test('a gateway page that frames the app without the viewer’s hand-off gets the bootstrap, even while her session cookie is valid', async ({ page }) => {
    await openPlainApp(page);
    const before = upstreamLog().length;
    // A page of the gateway's own site (same partition, and a frame-src that allows the app) frames it, but never answers its handshake.
    await page.route('**/v1/app-gateway/*/session', (route) => route.abort());
    await page.goto(`/apps/${PLAIN}`);
    // The viewer's code has run (its mint failed, so its frame is gone): hydration renders nothing over the probe.
    await expect(page.getByTestId('mint-error')).toBeVisible();
    // The probe's own query marks anything it (or a reload of it) would make the proxy forward; the app's
    // pages in a spec running beside this one may reach the upstream meanwhile, without the mark.
    const mark = `probe=${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await page.evaluate((src) => {
      document.querySelector('[data-testid="viewer-frame"]')?.remove();
      document.body.append(Object.assign(document.createElement('iframe'), { id: 'probe', src }));
    }, `${PLAIN_ORIGIN}/?${mark}`);
    const probe = page.frameLocator('#probe');
    await expect(probe.locator('#app-gateway-bootstrap')).toHaveAttribute('data-state', 'no_viewer', { timeout: 20_000 });
    await expect(probe.locator('#greeting')).toHaveCount(0);
    expect(upstreamLog().slice(before).filter((r) => r.search.includes(mark))).toEqual([]);
  });
});
