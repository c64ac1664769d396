import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { artifactUrlWithToken } from '@/lib/gateway/apps/frameable-origin';
import { EARLY_FRAME, EARLY_MINT_KEY, earlyMintScript, type EarlyMintSlot } from './early-mint-script';

const ARTIFACT_URL = 'http://run-acme-plain.proxy.localhost:3200/';
const ARTIFACT_ORIGIN = 'http://run-acme-plain.proxy.localhost:3200';
const FRAME = { artifactUrl: ARTIFACT_URL, artifactOrigin: ARTIFACT_ORIGIN };
const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln';
const minted = () => new Response(JSON.stringify({ token: TOKEN, exp: '2026-12-07T22:00:00.000Z', expires_in: 300 }), { status: 200, headers: { 'content-type': 'application/json' } });

/** An element with attributes, enough for the script. */
class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly posted: Array<[unknown, string]> = [];
  readonly contentWindow = { postMessage: (message: unknown, targetOrigin: string) => this.posted.push([message, targetOrigin]) };
  hasAttribute = (name: string) => this.attributes.has(name);
  setAttribute = (name: string, value: string) => void this.attributes.set(name, value);
  removeAttribute = (name: string) => void this.attributes.delete(name);
}

/** Runs the script as a page would: a recording fetch, the viewer's frame, shell and placeholder, message listeners. */
function run(script: string, fetchImpl: (url: string, init: RequestInit) => Promise<unknown>, { frameSrc, readyState = 'interactive' }: { frameSrc?: string; readyState?: string } = {}) {
  const calls: Array<[string, RequestInit]> = [];
  const frame = new FakeElement();
  if (frameSrc !== undefined) frame.setAttribute('src', frameSrc);
  const shell = new FakeElement();
  shell.setAttribute('hidden', '');
  const opening = new FakeElement();
  const elements: Record<string, FakeElement> = { [EARLY_FRAME.frame]: frame, [EARLY_FRAME.shell]: shell, [EARLY_FRAME.opening]: opening };
  type Listener = (e: { source: unknown; origin: string; data: unknown }) => void;
  const listeners = new Set<Listener>();
  const loaded: Array<() => void> = [];
  const window: Record<string, unknown> = {
    addEventListener: (type: string, fn: Listener) => type === 'message' && listeners.add(fn),
    removeEventListener: (type: string, fn: Listener) => type === 'message' && listeners.delete(fn),
  };
  const document = { readyState, querySelector: (selector: string) => elements[selector] ?? null, addEventListener: (type: string, fn: () => void) => type === 'DOMContentLoaded' && loaded.push(fn) };
  runInNewContext(script, { window, document, URL, fetch: (url: string, init: RequestInit) => (calls.push([url, init]), fetchImpl(url, init)) });
  const message = (data: unknown, from: { source?: unknown; origin?: string } = {}) =>
    [...listeners].forEach((fn) => fn({ source: from.source ?? frame.contentWindow, origin: from.origin ?? ARTIFACT_ORIGIN, data }));
  const settled = () => new Promise((resolve) => setTimeout(resolve, 10));
  return { calls, slot: window[EARLY_MINT_KEY] as EarlyMintSlot, frame, shell, opening, listeners, message, settled, domContentLoaded: () => loaded.forEach((fn) => fn()) };
}

describe('earlyMintScript', () => {
  it('starts the viewer’s mint, a same-origin POST, and keeps its response for the app', async () => {
    const { calls, slot } = run(earlyMintScript('run_acme_dashboard'), async () => 'response');
    expect(calls).toEqual([['/v1/app-gateway/run_acme_dashboard/session', expect.objectContaining({ method: 'POST', body: '{}', credentials: 'same-origin', cache: 'no-store' })]]);
    expect(slot.appId).toBe('run_acme_dashboard');
    await expect(slot.response).resolves.toBe('response');
  });

  it('keeps null when the gateway cannot be reached, so the viewer mints again', async () => {
    const { slot } = run(earlyMintScript('run_x'), () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(slot.response).resolves.toBeNull();
  });

  it('cannot be broken out of by an app id or an artifact URL', () => {
    const hostile = '</script><script>alert(1)</script><!--';
    const script = earlyMintScript(hostile, 'member', { artifactUrl: `${ARTIFACT_URL}?x=${hostile}`, artifactOrigin: ARTIFACT_ORIGIN });
    expect(script).not.toContain('<');
    const { calls, slot } = run(script, async () => null);
    expect(slot.appId).toBe(hostile);
    expect(calls[0]![0]).toBe(`/v1/app-gateway/${encodeURIComponent(hostile)}/session`);
  });

  it('frames the artifact with the token in the fragment as soon as the mint answers, shows it, and the viewer still reads the response', async () => {
    const w = run(earlyMintScript('run_acme_plain', 'member', FRAME), async () => minted());
    await w.settled();
    expect(w.frame.attributes.get('src')).toBe(artifactUrlWithToken(ARTIFACT_URL, TOKEN));
    expect(new URL(w.frame.attributes.get('src')!).search).toBe('');
    expect(w.shell.hasAttribute('hidden')).toBe(false);
    expect(w.opening.hasAttribute('hidden')).toBe(true);
    // The same response, unread: one mint for the script and the viewer.
    await expect((await w.slot.response!)!.json()).resolves.toMatchObject({ token: TOKEN, expires_in: 300 });
  });

  it('waits for the frame’s markup when the mint answers while the HTML is still arriving', async () => {
    const w = run(earlyMintScript('run_acme_plain', 'member', FRAME), async () => minted(), { readyState: 'loading' });
    await w.settled();
    expect(w.frame.hasAttribute('src')).toBe(false);
    w.domContentLoaded();
    expect(w.frame.attributes.get('src')).toBe(artifactUrlWithToken(ARTIFACT_URL, TOKEN));
  });

  it('answers the artifact’s ready and token-request with that token, only from the frame’s window at its exact origin, only to it', async () => {
    const w = run(earlyMintScript('run_acme_plain', 'member', FRAME), async () => minted());
    await w.settled();
    const token = { type: 'app-gateway:token', token: TOKEN, exp: '2026-12-07T22:00:00.000Z', expires_in: 300 };
    w.message({ type: 'app-gateway:ready' });
    w.message({ type: 'app-gateway:token-request' });
    expect(w.frame.posted).toEqual([[token, ARTIFACT_ORIGIN], [token, ARTIFACT_ORIGIN]]);

    w.message({ type: 'app-gateway:ready' }, { origin: 'http://evil.example' });
    w.message({ type: 'app-gateway:ready' }, { origin: 'http://run-acme-plain.proxy.localhost:3200.evil.example' });
    w.message({ type: 'app-gateway:ready' }, { source: {} }); // another window at that origin (a nested frame, a popup)
    w.message({ type: 'app-gateway:error', code: 'x', message: 'y' });
    w.message(null);
    expect(w.frame.posted).toHaveLength(2);
  });

  it('once the viewer has taken over (release), answers nothing more', async () => {
    const w = run(earlyMintScript('run_acme_plain', 'member', FRAME), async () => minted());
    await w.settled();
    w.slot.release();
    expect(w.listeners.size).toBe(0);
    w.message({ type: 'app-gateway:ready' });
    expect(w.frame.posted).toEqual([]);
  });

  it('frames nothing when the viewer took over before the mint answered, or already gave the frame its address (one load)', async () => {
    const released = run(earlyMintScript('run_acme_plain', 'member', FRAME), async () => minted());
    released.slot.release();
    await released.settled();
    expect(released.frame.hasAttribute('src')).toBe(false);
    expect(released.listeners.size).toBe(0);

    const byViewer = artifactUrlWithToken(ARTIFACT_URL, 'viewer.minted.it');
    const loaded = run(earlyMintScript('run_acme_plain', 'member', FRAME), async () => minted(), { frameSrc: byViewer });
    await loaded.settled();
    expect(loaded.frame.attributes.get('src')).toBe(byViewer);
    expect(loaded.listeners.size).toBe(0);
    expect(loaded.shell.hasAttribute('hidden')).toBe(true);
  });

  it('frames nothing on a refusal, an unreadable answer or no answer: the viewer shows why', async () => {
    for (const answer of [
      async () => new Response(JSON.stringify({ code: 'org_mismatch', token: TOKEN }), { status: 403 }),
      async () => new Response('not json', { status: 200 }),
      async () => new Response(JSON.stringify({ token: TOKEN }), { status: 200 }),
      () => Promise.reject(new TypeError('Failed to fetch')),
    ]) {
      const w = run(earlyMintScript('run_acme_plain', 'member', FRAME), answer);
      await w.settled();
      expect(w.frame.hasAttribute('src')).toBe(false);
      expect(w.listeners.size).toBe(0);
      expect(w.shell.hasAttribute('hidden')).toBe(true);
    }
  });

  it('without a frame to load (no artifact), only mints', async () => {
    const w = run(earlyMintScript('run_acme_plain'), async () => minted());
    await w.settled();
    expect(w.frame.hasAttribute('src')).toBe(false);
    expect(w.listeners.size).toBe(0);
  });
});
