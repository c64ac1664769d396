// GET / on an app's origin — the sample artifact. Values are filled in by /sdk/page.js from the verified
// whoami response; the server renders only the app id and the gateway origin it trusts. With `runs`
// (the app whose backend may act for its viewer, SPEC §17) it has a section for the viewer's runs,
// which the page fills from its backend's GET /api/runs.

export function renderArtifactPage(label: string, gatewayOrigin: string, options: { runs?: boolean } = {}): string {
  const id = escapeHtml(label);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sample artifact · ${id}</title>
<style>${STYLES}</style>
<script type="module" src="/sdk/page.js"></script>
</head>
<body data-app-label="${id}" data-gateway-origin="${escapeHtml(gatewayOrigin)}" data-runs="${options.runs ? 'on' : 'off'}">
<main class="card">
  <header>
    <p class="eyebrow">Sample artifact</p>
    <h1>${id}</h1>
    <p id="status" data-state="waiting">waiting for token</p>
  </header>
  <h2>Verified viewer</h2>
  <dl>
    <dt>Name</dt><dd id="viewer-name">—</dd>
    <dt>Email</dt><dd id="viewer-email">—</dd>
    <dt>User id</dt><dd id="viewer-sub" class="mono">—</dd>
    <dt>Org</dt><dd id="viewer-org" class="mono">—</dd>
    <dt>Role</dt><dd id="viewer-role">—</dd>
    <dt>Workflow</dt><dd id="viewer-workflow" class="mono">—</dd>
    <dt>Token</dt><dd>valid for <span id="token-expires-in">—</span>s
      <span class="muted">(until <time id="token-exp"></time>)</span></dd>
  </dl>
  <p id="guest-note" hidden><strong>Guest</strong>: you are outside this app’s organization, let in by a share link or because the app is public.</p>
  <p id="admin-note" class="muted" hidden>You are an admin of this org: an artifact can show admin-only tools here.</p>
${options.runs ? RUNS_SECTION : ''}  <footer class="muted">
    <span>Page loads this session: <span id="load-count">0</span></span>
    <button id="refresh-token" type="button">Request fresh token</button>
  </footer>
</main>
</body>
</html>`;
}

const RUNS_SECTION = `<section id="runs" aria-labelledby="runs-heading">
    <h2 id="runs-heading">Your runs (through the platform API<span id="runs-as"></span>)</h2>
    <p id="runs-status" class="muted">waiting for the viewer</p>
    <ul id="runs-list"></ul>
  </section>
`;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLES = `
:root { color-scheme: light dark; --bg: #f4f5f7; --card: #fff; --text: #1c1f24; --muted: #6b7280;
  --line: #e5e7eb; --control: #868c95; --ok: #0f7b3f; --bad: #b42318; --wait: #8a6100; --focus: #4f46e5; }
@media (prefers-color-scheme: dark) { :root { --bg: #111317; --card: #1b1e24; --text: #e8eaed;
  --muted: #9aa0a8; --line: #2b2f36; --control: #6e7580; --ok: #4ade80; --bad: #f87171; --wait: #fbbf24;
  --focus: #8f89ff; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 24px;
  background: var(--bg); color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.card { width: min(560px, 100%); background: var(--card); border: 1px solid var(--line);
  border-radius: 14px; padding: 24px 28px; box-shadow: 0 8px 30px rgb(0 0 0 / 0.08); }
.eyebrow { margin: 0; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .08em; }
h1 { margin: 2px 0 8px; font-size: 20px; word-break: break-all; }
h2 { margin: 20px 0 8px; font-size: 14px; color: var(--muted); font-weight: 600; }
#status { margin: 0; font-weight: 600; color: var(--wait); }
#status[data-state="verified"] { color: var(--ok); }
#status[data-state="error"], #status[data-state="ended"] { color: var(--bad); }
dl { display: grid; grid-template-columns: 110px 1fr; gap: 6px 12px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; word-break: break-all; }
.mono, #token-expires-in { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.muted { color: var(--muted); font-size: 13px; }
footer { display: flex; justify-content: space-between; align-items: center; gap: 12px;
  margin-top: 20px; padding-top: 14px; border-top: 1px solid var(--line); }
button { font: inherit; font-size: 13px; min-height: 32px; padding: 6px 12px; border-radius: 8px; cursor: pointer;
  border: 1px solid var(--control); background: transparent; color: var(--text); }
#runs-list { margin: 0; padding-left: 18px; }
#runs-status[data-state="error"] { color: var(--bad); font-size: 14px; }
button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
`;
