// Who made a request, as the browser tells (Fetch Metadata, Origin). The proxy's cookie is
// partitioned by the gateway's site, so any artifact the viewer frames can make the browser send
// it: the viewer's identity rides only on what this app's own pages ask for (SPEC §11 amended).
import type { IncomingMessage } from 'node:http';

/** Made by a page of this very origin. A request without the header counts as cross-site. */
export function isSameOrigin(req: IncomingMessage): boolean {
  return req.headers['sec-fetch-site'] === 'same-origin';
}

/** A page load (the bootstrap's business), as opposed to a fetch, a subresource or a form POST. */
export function isNavigation(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const mode = req.headers['sec-fetch-mode'];
  if (mode !== undefined) return mode === 'navigate';
  return /\btext\/html\b/.test(req.headers.accept ?? '');
}

/**
 * An upgrade asked for by a page of `origin`. Browsers send Origin on every WebSocket handshake and
 * Chromium sends no fetch metadata on them, so the Origin decides; a Sec-Fetch-Site, if sent, must agree.
 */
export function isOwnPageUpgrade(req: IncomingMessage, origin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  return req.headers.origin === origin && (site === undefined || site === 'same-origin');
}
