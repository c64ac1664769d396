import { htmlDocument } from '@/lib/platform/http/html-document';

// What a page navigation gets instead of the app: no upstream content, only the bootstrap, which
// asks the gateway (as its parent) for a token, starts the session, then reloads from this origin.

/**
 * Why the bootstrap is shown: `check`, a navigation from another site, whatever cookie it carried
 * (the frame's parent must prove to be the viewer first); `no_session`, this origin's own navigation
 * without a valid session. Only the latter can be a reload loop (a browser dropping the cookie).
 */
export type BootstrapCause = 'check' | 'no_session';

/** `scriptPath`: the bootstrap script's content-hashed path (scripts.ts). */
export function bootstrapPageHtml(cause: BootstrapCause, scriptPath: string): string {
  return htmlDocument({
    robots: 'noindex',
    head: `<title>Signing in…</title>
<style>body{margin:0;min-height:100vh;display:grid;place-items:center;font:15px/1.5 system-ui,sans-serif;color:#4b5563}</style>
<script type="module" src="${scriptPath}"></script>`,
    body: `<p id="app-gateway-bootstrap" data-state="waiting" data-cause="${cause}">Checking who you are…</p>`,
  });
}

/** The bootstrap page's own policy: its script, its session call, framed only by the gateway. */
export function bootstrapPageCsp(gatewayOrigin: string): string {
  return `default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors ${gatewayOrigin}`;
}
