// The keyboard checks' reading of focus, shared by the Chromium suite (./keyboard.ts, Playwright) and
// the Firefox run (e2e/firefox/support/keyboard.ts, puppeteer). It imports nothing: readFocus runs
// inside the page, and the frames are the little both drivers' frames offer alike.

type Focus = { where: string; indicator: boolean };

/**
 * Runs in a document: the focused element and whether it shows a focus indicator — an outline, or a
 * solid ring drawn as a box-shadow with a spread and no blur (a field's ring; resting shadows blur).
 */
function readFocus(): Focus {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { where: 'nothing (the body)', indicator: false };
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ring = /(^|\s)0px 0px 0px [1-9]/.test(style.boxShadow);
  const label = (el.getAttribute('aria-label') ?? el.getAttribute('id') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
  return { where: `<${el.tagName.toLowerCase()}> "${label}"`, indicator: outline || ring };
}

/** What Playwright's and puppeteer's frames both offer, and all focusIn uses. */
interface FocusFrame {
  evaluate<T>(fn: () => T): Promise<T>;
  evaluateHandle(fn: () => Element | null): Promise<{ asElement(): { contentFrame(): Promise<FocusFrame | null> } | null; dispose(): Promise<void> }>;
}

/** What has focus in `frame`, looking inside a focused frame (the artifact's, on another origin). */
export async function focusIn(frame: FocusFrame): Promise<Focus> {
  for (;;) {
    const handle = await frame.evaluateHandle(() => document.activeElement);
    const inner = await handle.asElement()?.contentFrame();
    await handle.dispose();
    if (!inner) return frame.evaluate(readFocus);
    frame = inner;
  }
}
