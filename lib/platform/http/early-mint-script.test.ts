import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { EARLY_MINT_KEY, earlyMintScript } from './early-mint-script';

/** Runs the script as a page would, with a recording fetch. */
function run(script: string, fetchImpl: (url: string, init: RequestInit) => Promise<unknown>) {
  const calls: Array<[string, RequestInit]> = [];
  const window: Record<string, { appId: string; response: Promise<unknown> }> = {};
  runInNewContext(script, { window, fetch: (url: string, init: RequestInit) => (calls.push([url, init]), fetchImpl(url, init)) });
  return { calls, slot: window[EARLY_MINT_KEY] };
}

describe('earlyMintScript', () => {
  it('starts the viewer’s mint, a same-origin POST, and keeps its response for the app', async () => {
    const { calls, slot } = run(earlyMintScript('run_acme_dashboard'), async () => 'response');
    expect(calls).toEqual([['/v1/app-gateway/run_acme_dashboard/session', expect.objectContaining({ method: 'POST', body: '{}', credentials: 'same-origin', cache: 'no-store' })]]);
    expect(slot!.appId).toBe('run_acme_dashboard');
    await expect(slot!.response).resolves.toBe('response');
  });

  it('keeps null when the gateway cannot be reached, so the viewer mints again', async () => {
    const { slot } = run(earlyMintScript('run_x'), () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(slot!.response).resolves.toBeNull();
  });

  it('cannot be broken out of by an app id', () => {
    const hostile = '</script><script>alert(1)</script><!--';
    const script = earlyMintScript(hostile);
    expect(script).not.toContain('<');
    const { calls, slot } = run(script, async () => null);
    expect(slot!.appId).toBe(hostile);
    expect(calls[0]![0]).toBe(`/v1/app-gateway/${encodeURIComponent(hostile)}/session`);
  });
});
