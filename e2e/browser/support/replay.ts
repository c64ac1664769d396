import { expect, request as playwrightRequest, type Page } from '@playwright/test';
import { GATEWAY_URL, storageStatePath, type DemoUser } from './env';

export type CapturedAction = { action: string; contentType: string; body: Buffer };

/** Submits a console action in the browser, but stops it there and keeps the request, to replay it as someone else. */
export async function captureAction(page: Page, path: string, submit: () => Promise<void>): Promise<CapturedAction> {
  let captured: CapturedAction | null = null;
  await page.route(`${GATEWAY_URL}${path}`, async (route) => {
    const req = route.request();
    const action = req.headers()['next-action'];
    if (req.method() !== 'POST' || !action) return route.continue();
    captured = { action, contentType: req.headers()['content-type']!, body: req.postDataBuffer()! };
    await route.abort();
  });
  await submit();
  await expect.poll(() => captured !== null).toBe(true);
  await page.unroute(`${GATEWAY_URL}${path}`);
  return captured!;
}

/** Posts the captured action with another user's session; answers the status and the body (the action's result). */
export async function replayAction(as: DemoUser, path: string, c: CapturedAction, origin = GATEWAY_URL) {
  const ctx = await playwrightRequest.newContext({ baseURL: GATEWAY_URL, storageState: storageStatePath(as) });
  const res = await ctx.post(path, { headers: { 'next-action': c.action, 'content-type': c.contentType, origin, accept: 'text/x-component' }, data: c.body });
  const answer = { status: res.status(), text: await res.text() };
  await ctx.dispose();
  return answer;
}
