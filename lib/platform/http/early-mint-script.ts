import { MESSAGE } from '../../artifact-sdk/protocol';
import { mintRequest, type MintKind } from '../../ui/browser/mint-request';

/** Where the window keeps the response of the mint started by the viewer page's inline script. */
export const EARLY_MINT_KEY = '__appGatewayEarlyMint';

/** The viewer's frame, its shell (hidden until it has an address) and the "Opening…" placeholder, as the viewer renders them. */
export const EARLY_FRAME = {
  frame: 'iframe[data-early-frame="frame"]',
  shell: '[data-early-frame="shell"]',
  opening: '[data-early-frame="opening"]',
} as const;

/**
 * What the window keeps under EARLY_MINT_KEY: the mint's response (null when the gateway could not
 * be reached; taken once by the viewer), and `release`, which the viewer calls when its own code
 * takes over: the script then loads nothing more and answers the frame no more.
 */
export type EarlyMintSlot = { appId: string; response: Promise<Response | null> | null; release: () => void };

/** The artifact the page frames: its URL (the token goes in its fragment) and its exact origin, the only one spoken to. */
export type EarlyFrameTarget = { artifactUrl: string; artifactOrigin: string };

/**
 * The viewer page's inline script: starts the first mint at once and keeps its response under
 * EARLY_MINT_KEY. With `frame`, when that response is a token it also loads the artifact into the
 * viewer's (empty, hidden) frame at `<artifactUrl>#app_token=<jwt>` and shows it, without waiting
 * for the page's JavaScript, and until the viewer's code takes over (`release`) answers the
 * artifact's `ready` and `token-request` with that token: only from the frame's own window at the
 * artifact's exact origin, only to that window with that origin as `targetOrigin`. The viewer reads
 * the same response (one mint) and never loads a frame that already has an address (one load).
 * Values are embedded as JSON with `<` escaped, so no app id or URL can end the script element.
 */
export function earlyMintScript(appId: string, kind: MintKind = 'member', frame: EarlyFrameTarget | null = null): string {
  const { url, init } = mintRequest(appId, kind);
  const target = frame && { url: frame.artifactUrl, origin: frame.artifactOrigin };
  const names = { ...EARLY_FRAME, token: MESSAGE.token, ready: MESSAGE.ready, request: MESSAGE.tokenRequest };
  const args = JSON.stringify([appId, url, init, target, names]).replace(/</g, '\\u003c');
  return `(function(a){try{${EARLY_SCRIPT_BODY}}catch(e){}})(${args})`;
}

// a = [appId, mint URL, mint init, { url, origin } | null, names]. ES5, as written: it runs before any bundle.
const EARLY_SCRIPT_BODY = [
  'var s={appId:a[0],response:fetch(a[1],a[2]).catch(function(){return null}),release:function(){s.released=true}};',
  `window[${JSON.stringify(EARLY_MINT_KEY)}]=s;`,
  'var f=a[3],n=a[4];if(!f)return;',
  's.response.then(function(r){return r&&r.ok?r.clone().json():null}).then(function(b){',
  "if(!b||typeof b.token!=='string'||typeof b.exp!=='string'||typeof b.expires_in!=='number')return;",
  'var go=function(){',
  'var el=document.querySelector(n.frame);',
  "if(s.released||!el||el.hasAttribute('src'))return;",
  'var m={type:n.token,token:b.token,exp:b.exp,expires_in:b.expires_in};',
  'var on=function(e){var w=el.contentWindow,t=e.data&&e.data.type;if(w&&e.source===w&&e.origin===f.origin&&(t===n.ready||t===n.request))w.postMessage(m,f.origin)};',
  "window.addEventListener('message',on);",
  "s.release=function(){s.released=true;window.removeEventListener('message',on)};",
  "var u=new URL(f.url);u.hash='app_token='+encodeURIComponent(b.token);",
  "el.setAttribute('src',u.href);",
  "var sh=document.querySelector(n.shell),o=document.querySelector(n.opening);if(sh)sh.removeAttribute('hidden');if(o)o.setAttribute('hidden','');",
  '};',
  "if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',go);else go();",
  '}).catch(function(){});',
].join('');
