import type { Browser, BrowserContext, ElementHandle, Frame, HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { connectFirefox } from './firefox';
import { DEMO_PASSWORD, GATEWAY_URL } from './env';

/** The run's Firefox for this file, with a browser context of its own (its own cookies and storage). */
export function useFirefox(): { browser: () => Browser; context: () => BrowserContext; newPage: () => Promise<Page> } {
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  beforeAll(async () => {
    browser = await connectFirefox(inject('firefoxWsEndpoint'));
    context = await browser.createBrowserContext();
  });
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.disconnect();
  });
  return {
    browser: () => browser!,
    context: () => context!,
    newPage: async () => {
      const page = await context!.newPage();
      await page.setViewport({ width: 1280, height: 860 });
      return page;
    },
  };
}

export const gateway = (pathname: string) => new URL(pathname, GATEWAY_URL).href;

/** What `read` resolves to, or null while the document is being replaced (a navigation, a reload). */
async function inDocument<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

/** The text of the first element matching `selector` (trimmed, spaces collapsed), or null if there is none. */
export const textOf = (where: Page | Frame, selector: string) =>
  inDocument(() => where.evaluate((s) => document.querySelector(s)?.textContent?.replace(/\s+/g, ' ').trim() ?? null, selector));

export const attributeOf = (where: Page | Frame, selector: string, name: string) =>
  inDocument(() => where.evaluate((s, n) => document.querySelector(s)?.getAttribute(n) ?? null, selector, name));

export const countOf = (where: Page | Frame, selector: string) => inDocument(() => where.evaluate((s) => document.querySelectorAll(s).length, selector));

/** Where the page is: path and query. */
const locationOf = (where: Page | Frame) => inDocument(() => where.evaluate(() => `${location.pathname}${location.search}`));

export const byTestId = (id: string) => `[data-testid="${id}"]`;

/**
 * Reads `read` every 100 ms until `done` holds for what it returned; fails after `timeout` ms saying
 * what was awaited and what was last seen. For hooks, where expect.poll is not available.
 */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the page's path (and query) matches. */
export async function waitForPath(page: Page, path: string | RegExp, timeout = 15_000): Promise<void> {
  const pattern = typeof path === 'string' ? new RegExp(`^${escapeRegExp(path)}$`) : path;
  await until(() => locationOf(page), (where) => where !== null && pattern.test(where), `the page at ${pattern}`, timeout);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The control a `<label>` with exactly this text names. */
export async function field(where: Page | Frame, label: string): Promise<ElementHandle<Element>> {
  const handle = await where.waitForFunction(
    (text: string) => [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text)?.control ?? false,
    { timeout: 10_000 },
    label,
  );
  return handle as ElementHandle<Element>;
}

/** A button or link whose accessible name (its aria-label, else its text) is exactly `name`, inside `scope`. */
export async function control(where: Page | Frame, name: string, scope = 'body'): Promise<ElementHandle<Element>> {
  const handle = await where.waitForFunction(
    (text: string, within: string) =>
      [...(document.querySelector(within)?.querySelectorAll('button, a[href], [role="button"]') ?? [])].find(
        (el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim() === text,
      ) ?? false,
    { timeout: 10_000 },
    name,
    scope,
  );
  return handle as ElementHandle<Element>;
}

/** How many buttons or links named `name` there are now (no waiting). */
export const controlCount = (where: Page | Frame, name: string) =>
  inDocument(() =>
    where.evaluate(
      (text) => [...document.querySelectorAll('button, a[href], [role="button"]')].filter((el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim() === text).length,
      name,
    ),
  );

/** Fills and submits the sign-in form on the current page. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await (await field(page, 'Email')).type(email);
  await (await field(page, 'Password')).type(password);
  await (await control(page, 'Sign in', byTestId('signin-form'))).click();
}

/** The artifact's document inside the viewer's iframe (on the artifact's own origin). */
export async function artifactFrame(page: Page): Promise<Frame> {
  // The frame is there, empty and hidden, while the first mint is under way: wait for the one with an address.
  const iframe = await page.waitForSelector(`${byTestId('viewer-frame')}[src]`, { timeout: 15_000 });
  return (await until(() => iframe!.contentFrame(), (frame) => frame !== null, 'the viewer frame’s document', 10_000))!;
}

/** Waits until the SDK artifact says its backend verified the token, and shows `name`. */
export async function expectVerified(page: Page, name: string, timeout = 20_000): Promise<Frame> {
  const frame = await artifactFrame(page);
  await expect.poll(() => textOf(frame, '#status'), { timeout, interval: 100 }).toBe('verified');
  expect(await textOf(frame, '#viewer-name')).toBe(name);
  return frame;
}

/** A token for `appId`, minted the way the viewer mints it: from a gateway page, with its cookie. */
export async function mintFromGatewayPage(page: Page, appId: string): Promise<{ status: number; token?: string }> {
  return page.evaluate(async (id: string) => {
    const response = await fetch(`/v1/app-gateway/${encodeURIComponent(id)}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    });
    const body = (await response.json().catch(() => ({}))) as { token?: string };
    return { status: response.status, token: body.token };
  }, appId);
}

/** Every request the page (and its frames) makes, from now on. */
export function recordRequests(page: Page): HTTPRequest[] {
  const seen: HTTPRequest[] = [];
  page.on('request', (request) => void seen.push(request));
  return seen;
}

export const isMintRequest = (request: HTTPRequest) =>
  request.method() === 'POST' && /\/v1\/app-gateway\/[^/]+\/session$/.test(new URL(request.url()).pathname);

export const isWhoamiRequest = (request: HTTPRequest) => new URL(request.url()).pathname === '/api/whoami';
