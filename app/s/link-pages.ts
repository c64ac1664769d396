import { GUEST_GIVEN_NAME_MAX } from '@/lib/gateway/sharing/guest-name';
import type { OpenableLink } from '@/lib/gateway/sharing/open-link';
import { htmlDocument } from '@/lib/platform/http/html-document';

// The pages of a share link (SPEC §15), rendered by their route handlers: a handler chooses the
// status (404, 429) and headers, and nothing here runs a script. The secret is only ever in the
// form's hidden field, never in a link or another address.

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
  :root { color-scheme: light; font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f6f7f9; color: #1b1f24; }
  main { width: min(440px, calc(100vw - 32px)); background: #fff; border: 1px solid #dde1e6; border-radius: 12px; padding: 28px; box-shadow: 0 1px 2px rgb(0 0 0 / 4%); }
  .eyebrow { margin: 0 0 6px; font-size: 13px; color: #5b6470; text-transform: uppercase; letter-spacing: .04em; }
  h1 { margin: 0 0 8px; font-size: 22px; }
  p { line-height: 1.5; margin: 0 0 14px; }
  .muted { color: #5b6470; font-size: 14px; }
  label { display: block; font-weight: 600; margin-bottom: 6px; }
  input[type=text] { box-sizing: border-box; width: 100%; padding: 9px 10px; border: 1px solid #b9c0c8; border-radius: 8px; font: inherit; margin-bottom: 14px; }
  button { width: 100%; padding: 10px 14px; border: 0; border-radius: 8px; background: #2b59c3; color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
  button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #7aa2ff; outline-offset: 2px; }
  a { color: #2b59c3; }
`;

function page(title: string, body: string): string {
  const head = `<meta name="referrer" content="no-referrer">
<title>${escape(title)} · App Gateway</title>
<style>${STYLE}</style>`;
  return htmlDocument({ robots: 'noindex, nofollow', head, body: `<main>\n${body}\n</main>` });
}

/** One page for every link that does not open (unknown, expired, revoked, used up): the same bytes each time. */
export const LINK_NOT_FOUND_PAGE = page(
  'Link not available',
  `<p class="eyebrow">Shared app</p>
<h1>This link does not work</h1>
<p>It may be mistyped, or it has expired, been revoked, or been used by as many people as it allows.</p>
<p class="muted">Ask the person who shared it for a new link.</p>`,
);

export function tooManyPage(retryAfterSeconds: number): string {
  return page(
    'Too many requests',
    `<p class="eyebrow">Shared app</p>
<h1>Too many links opened</h1>
<p>Too many share links were opened from your network in the last minute. Try again in ${retryAfterSeconds} seconds.</p>`,
  );
}

export function crossOriginPage(): string {
  return page('Refused', `<h1>Refused</h1><p>A share link opens only from its own page. Open the link again.</p>`);
}

/**
 * The choice on a link's page: "Continue as <name>" for a signed-in person, "Continue as guest"
 * (with an optional name) for anyone else. Both post to /s: nothing is counted before a choice.
 */
export function linkPage(link: OpenableLink, secret: string, person: { name: string; email: string } | null, signInHref: string): string {
  const hidden = `<input type="hidden" name="secret" value="${escape(secret)}">`;
  const intro = `<p class="eyebrow">Shared with you by ${escape(link.orgName)}</p>
<h1>${escape(link.appTitle)}</h1>
<p class="muted">You open it as a guest of ${escape(link.orgName)}, until ${escape(link.expiresAt.toISOString().slice(0, 16).replace('T', ' '))} UTC at the latest.</p>`;
  const choice = person
    ? `<form method="post" action="/s" data-testid="continue-as-me">
${hidden}<input type="hidden" name="as" value="me">
<p>The app will see your name and email: ${escape(person.name)} (${escape(person.email)}).</p>
<button type="submit">Continue as ${escape(person.name)}</button>
</form>`
    : `<form method="post" action="/s" data-testid="continue-as-guest">
${hidden}<input type="hidden" name="as" value="guest">
<label for="guest-name">Your name (optional)</label>
<input type="text" id="guest-name" name="name" maxlength="${GUEST_GIVEN_NAME_MAX}" autocomplete="name" placeholder="Shown to the app as “&lt;name&gt; (guest)”">
<button type="submit">Continue as guest</button>
</form>
<p class="muted" style="margin-top:14px">A member of ${escape(link.orgName)}? <a href="${escape(signInHref)}">Sign in</a> instead.</p>`;
  return page(link.appTitle, `${intro}\n${choice}`);
}
