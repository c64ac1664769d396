// The proxy's bootstrap page (no session yet, or a navigation from another site): takes the fragment
// token, or asks the viewer, trades it for the session cookie, then loads the same address again from
// this origin — which by then carries no token. Tokens come only once the gateway, as this frame's
// parent, has answered the handshake, so a page that nests the app in a frame of its own gets nothing.
import { connectToGateway } from '@/lib/artifact-sdk/browser';
import { postSessionToken } from './session';

const RELOADS_KEY = 'app-gateway-proxy:reloads';
const status = document.getElementById('app-gateway-bootstrap') as HTMLElement;
// Shown for this origin's own navigation without a session: after our reload, that means the cookie was dropped.
const afterOwnNavigation = status.dataset.cause === 'no_session';
declare const __GATEWAY_ORIGIN__: string; // set by the proxy when it compiles this script

const gatewayOrigin = __GATEWAY_ORIGIN__;

// The viewer's session ended (sign-out, a revoked or expired share link): the signed-out state, for good on this page.
let ended = false;

function show(state: string, text: string): void {
  if (ended && state !== 'ended') return;
  status.dataset.state = state;
  status.textContent = text;
}

// A browser that drops the cookie would reload forever: stop after a few quick reloads.
function mayReload(): boolean {
  if (!afterOwnNavigation) return true;
  try {
    const recent = (JSON.parse(sessionStorage.getItem(RELOADS_KEY) ?? '[]') as number[]).filter((t) => Date.now() - t < 30_000);
    if (recent.length >= 3) return false;
    sessionStorage.setItem(RELOADS_KEY, JSON.stringify([...recent, Date.now()]));
  } catch {
    // Storage blocked: nothing to count with.
  }
  return true;
}

let exchanging = false;
async function exchange(token: string): Promise<void> {
  if (exchanging) return;
  exchanging = true;
  show('verifying', 'Checking who you are…');
  const answered = await postSessionToken(token).catch(() => 0);
  // A navigation of this page's own, so it goes as Sec-Fetch-Site: same-origin; a reload may carry the
  // first load's initiator (the gateway, another site), and the proxy would answer with this page again.
  // Tokens that come while the page is leaving start no second exchange (and no second load).
  if (answered === 204 && mayReload()) return location.replace(location.href);
  exchanging = false;
  const message = answered === 204 ? 'Your browser did not keep the session cookie for this app.' : 'The app session could not be verified.';
  show('refused', message);
  gateway.reportError('proxy_session_refused', message);
}

const noViewer = () => show('no_viewer', 'Open this app from App Gateway to sign in to it.');
const gateway = connectToGateway({
  gatewayOrigin,
  onToken: (token) => {
    ended = false; // a token after the end: a new session (the viewer sends none while it shows signed out)
    void exchange(token);
  },
  onError: noViewer,
});
gateway.onSessionEnded(() => {
  show('ended', 'Your session has ended, so this app no longer receives your identity. Open it again from App Gateway.');
  ended = true;
});
if (gateway.getToken() === null && window.parent !== window) {
  // The viewer answers `ready` with its current token; ask for one only if it does not.
  setTimeout(() => {
    if (gateway.getToken() === null && !ended) gateway.requestToken().catch(noViewer);
  }, 1_500);
}
