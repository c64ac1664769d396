// Runs inside the artifact iframe. Shows only what the backend verified, never the raw token's claims.
import { connectToGateway, GatewayConnectionError } from '../../lib/artifact-sdk/browser';

interface VerifiedClaims {
  sub: string;
  /** Absent for a guest (SPEC §15), whose role is "guest". */
  org_id?: string;
  role?: 'guest';
  org_role: 'admin' | 'member' | 'guest' | null;
  workflow_id?: string;
  name: string | null;
  email: string | null;
  exp: number;
}

interface PlatformRun {
  id: string;
  title: string;
  workflow: string;
  status: string;
}

const LOAD_COUNT_KEY = 'artifact-host:load-count';
const { gatewayOrigin = '', runs: runsSection } = document.body.dataset;
const element = (id: string) => document.getElementById(id) as HTMLElement;

let verifiedExpMs: number | null = null;
let sessionEnded = false;
let busy = false;
let tokenArrivedWhileBusy = false;
let runsBusy = false;

showLoadCount();
setStatus('waiting', 'waiting for token');
setInterval(renderCountdown, 250);

const gateway = connectToGateway({
  gatewayOrigin,
  onToken: () => {
    sessionEnded = false;
    void verifyLatestToken();
  },
  onError: (error) =>
    error instanceof GatewayConnectionError
      ? fail(error.code, error.message)
      : fail('token_missing', 'No token was handed over by the gateway viewer.'),
});
element('refresh-token').addEventListener('click', () => void gateway.requestToken().catch(() => undefined));
// The viewer signed out (or its session was ended): forget who it was; no more tokens will come.
gateway.onSessionEnded(() => {
  sessionEnded = true;
  clearViewer();
  clearRuns('session ended');
  setStatus('ended', 'session ended');
});

// One whoami at a time. A token that arrives meanwhile (e.g. the helper's 401 retry) is covered by
// that call; we re-run only after a success, so a token the backend rejects cannot cause a mint loop.
async function verifyLatestToken(): Promise<void> {
  if (busy) {
    tokenArrivedWhileBusy = true;
    return;
  }
  busy = true;
  tokenArrivedWhileBusy = false;
  setStatus('verifying', 'verifying');
  let ok = false;
  try {
    const response = await gateway.fetchWithToken('/api/whoami');
    const body: unknown = await response.json().catch(() => null);
    ok = response.ok;
    if (ok) render(body as VerifiedClaims);
    else failFromProblem(response.status, body);
  } catch {
    fail('whoami_unreachable', 'The artifact backend could not be reached.');
  } finally {
    busy = false;
  }
  if (ok && tokenArrivedWhileBusy) void verifyLatestToken();
}

function render(claims: VerifiedClaims): void {
  if (sessionEnded) return; // a whoami answered after the session ended shows nothing
  element('viewer-name').textContent = claims.name ?? '—';
  element('viewer-email').textContent = claims.email ?? '—';
  element('viewer-sub').textContent = claims.sub;
  element('viewer-org').textContent = claims.org_id ?? '—';
  // An artifact branches on org_role for what only admins may see (lib/artifact-sdk/README.md), and
  // says plainly when the viewer is a guest from outside the org.
  element('viewer-role').textContent = claims.role === 'guest' ? 'Guest' : claims.org_role === 'admin' ? 'admin' : claims.org_role === 'member' ? 'member' : '—';
  element('guest-note').hidden = claims.role !== 'guest';
  element('admin-note').hidden = claims.org_role !== 'admin';
  element('viewer-workflow').textContent = claims.workflow_id ?? '—';
  verifiedExpMs = claims.exp * 1000;
  element('token-exp').textContent = new Date(verifiedExpMs).toISOString();
  element('token-exp').setAttribute('datetime', new Date(verifiedExpMs).toISOString());
  renderCountdown();
  setStatus('verified', 'verified');
  if (runsSection === 'on') void loadRuns();
}

// The backend acts for the viewer on the platform API (SPEC §17); the page only shows what it answers.
async function loadRuns(): Promise<void> {
  if (runsBusy) return;
  runsBusy = true;
  try {
    const response = await gateway.fetchWithToken('/api/runs');
    const body: unknown = await response.json().catch(() => null);
    if (sessionEnded) return;
    if (response.ok) renderRuns(body as { name: string | null; runs: PlatformRun[] });
    else {
      const problem = (typeof body === 'object' && body !== null ? body : {}) as { code?: unknown; detail?: unknown };
      clearRuns(`could not load your runs: ${typeof problem.detail === 'string' ? problem.detail : `the backend answered ${response.status}`}${typeof problem.code === 'string' ? ` (${problem.code})` : ''}`, 'error');
    }
  } catch {
    if (!sessionEnded) clearRuns('could not load your runs: the artifact backend could not be reached', 'error');
  } finally {
    runsBusy = false;
  }
}

function renderRuns({ name, runs }: { name: string | null; runs: PlatformRun[] }): void {
  element('runs-as').textContent = name ? `, as ${name}` : '';
  const list = element('runs-list');
  list.replaceChildren(
    ...runs.map((run) => {
      const item = document.createElement('li');
      item.dataset.runId = run.id;
      item.textContent = `${run.title} — ${run.workflow}, ${run.status} (${run.id})`;
      return item;
    }),
  );
  const status = element('runs-status');
  status.dataset.state = 'loaded';
  status.textContent = runs.length === 0 ? 'You have started no runs in this org.' : `${runs.length} run${runs.length === 1 ? '' : 's'}`;
}

function clearRuns(message: string, state: 'error' | 'ended' = 'ended'): void {
  if (runsSection !== 'on') return;
  element('runs-as').textContent = '';
  element('runs-list').replaceChildren();
  const status = element('runs-status');
  status.dataset.state = state;
  status.textContent = message;
}

function failFromProblem(status: number, body: unknown): void {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as { code?: unknown; detail?: unknown };
  const code = typeof problem.code === 'string' ? problem.code : `http_${status}`;
  fail(code, typeof problem.detail === 'string' ? problem.detail : `whoami answered ${status}.`);
}

function fail(code: string, message: string): void {
  clearViewer();
  clearRuns('no verified viewer');
  if (sessionEnded) return; // e.g. whoami refused the revoked token: the viewer already knows why
  // At top level there is no viewer to report to: say what to do instead.
  setStatus('error', code === 'not_framed' ? message : `error: ${code}`);
  gateway.reportError(code, message);
}

function clearViewer(): void {
  for (const id of ['viewer-name', 'viewer-email', 'viewer-sub', 'viewer-org', 'viewer-role', 'viewer-workflow']) {
    element(id).textContent = '—';
  }
  element('admin-note').hidden = true;
  element('guest-note').hidden = true;
  verifiedExpMs = null;
  element('token-exp').textContent = '';
  renderCountdown();
}

function renderCountdown(): void {
  const shown = verifiedExpMs === null ? '—' : String(Math.max(0, Math.floor((verifiedExpMs - Date.now()) / 1000)));
  // Written only when it changes: each write repaints the page, four times a second for an unchanged number.
  const countdown = element('token-expires-in');
  if (countdown.textContent !== shown) countdown.textContent = shown;
}

function setStatus(state: 'waiting' | 'verifying' | 'verified' | 'error' | 'ended', text: string): void {
  const status = element('status');
  status.dataset.state = state;
  status.textContent = text;
}

function showLoadCount(): void {
  let count = 1;
  try {
    count = Number(sessionStorage.getItem(LOAD_COUNT_KEY) ?? '0') + 1;
    sessionStorage.setItem(LOAD_COUNT_KEY, String(count));
  } catch {
    // Storage can be blocked for third-party frames; the count then stays at 1.
  }
  element('load-count').textContent = String(count);
}
