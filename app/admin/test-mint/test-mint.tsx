'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import type { TokenInspection } from '@/lib/gateway/inspect/inspect-token';
import { mintRequest } from '@/lib/ui/browser/mint-request';
import { verifyMintedToken } from '../_actions/inspect';
import { CopyButton } from '@/app/_components/copy-button';
import { mintCurl } from '@/lib/ui/docs/try-mint';
import { Countdown } from '../_components/countdown';
import { Verification } from '../_components/verification';
import { hintFor } from '@/lib/gateway/errors';

/** `restriction`: what another member would get, when the app's access rule does not let every member in. */
type App = { id: string; title: string; ready: boolean; restriction: string | null };

type Outcome =
  | { kind: 'minted'; appId: string; token: string; exp: string; expiresIn: number; inspection: TokenInspection | null; verifyError: string | null }
  | { kind: 'refused'; appId: string; status: number; code: string; body: unknown };

async function mint(appId: string): Promise<Outcome> {
  let response: Response;
  try {
    // The real endpoint, with this browser's session cookie, exactly as the viewer calls it.
    const { url, init } = mintRequest(appId);
    response = await fetch(url, init);
  } catch {
    return { kind: 'refused', appId, status: 0, code: 'network', body: null };
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && typeof body?.token === 'string' && typeof body.exp === 'string' && typeof body.expires_in === 'number') {
    const verified = await verifyMintedToken(body.token, appId).catch(() => ({ ok: false as const, message: 'Could not verify the token.' }));
    return {
      kind: 'minted',
      appId,
      token: body.token,
      exp: body.exp,
      expiresIn: body.expires_in,
      inspection: verified.ok ? verified.inspection : null,
      verifyError: verified.ok ? null : verified.message,
    };
  }
  const code = typeof body?.code === 'string' ? body.code : `http_${response.status}`;
  return { kind: 'refused', appId, status: response.status, code, body };
}

export function TestMint({ apps, gatewayUrl, viewerName }: { apps: App[]; gatewayUrl: string; viewerName: string }) {
  const [appId, setAppId] = useState(apps[0]?.id ?? '');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, start] = useTransition();
  const run = () => start(async () => setOutcome(await mint(appId)));
  const restriction = apps.find((a) => a.id === appId)?.restriction ?? null;
  const stackRef = useRef<HTMLDivElement>(null);
  // A new result takes focus (the button, disabled while minting, has just dropped it).
  useEffect(() => {
    if (outcome) stackRef.current?.querySelector<HTMLElement>('[data-result]')?.focus();
  }, [outcome]);

  if (apps.length === 0) {
    return <p className="muted">There are no apps in this organization yet. Register one under Apps first.</p>;
  }
  return (
    <div className="admin-stack" ref={stackRef}>
      <section className="panel">
        <div>
          <h2 className="panel__title">Mint a token as {viewerName}</h2>
          <p className="panel__hint">
            Calls <span className="mono">POST /v1/app-gateway/&#123;appId&#125;/session</span> from this page with your session, as the
            viewer does. The result is checked against the keys this gateway publishes.
          </p>
        </div>
        <div className="form-actions">
          <label className="visually-hidden" htmlFor="test-mint-app">
            App
          </label>
          <select id="test-mint-app" className="select" value={appId} onChange={(e) => setAppId(e.target.value)} data-testid="test-mint-app">
            {apps.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title} ({a.id}){a.ready ? '' : ' — building'}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn--primary" onClick={run} disabled={pending || !appId} data-testid="test-mint-run">
            {pending ? 'Minting…' : 'Mint token'}
          </button>
        </div>
        {restriction ? (
          <p className="alert alert--warn" role="note" data-testid="test-mint-restriction">
            <span className="alert__body">
              <span className="alert__title">{restriction}</span>
              <span className="alert__detail">You are an admin, so your own test mints; the audit log records their refusals as not_allowed.</span>
            </span>
          </p>
        ) : null}
        <div>
          <div className="code-head">
            <span>The same call with an API token</span>
            <CopyButton text={mintCurl(gatewayUrl, appId, '')} label="Copy curl" testId="copy-curl" />
          </div>
          <pre className="code-block" data-testid="curl-command">
            {mintCurl(gatewayUrl, appId, '')}
          </pre>
          <p className="field-hint">
            Replace <span className="mono">agw_YOUR_TOKEN</span> with a token from <a href="/settings/tokens">API tokens</a>.
          </p>
        </div>
      </section>
      {outcome?.kind === 'minted' ? <Minted outcome={outcome} /> : null}
      {outcome?.kind === 'refused' ? <Refused outcome={outcome} /> : null}
    </div>
  );
}

function Minted({ outcome }: { outcome: Extract<Outcome, { kind: 'minted' }> }) {
  const exp = outcome.inspection?.exp ?? Math.floor(Date.parse(outcome.exp) / 1000);
  return (
    <section className="panel" data-testid="test-mint-result" data-app-id={outcome.appId} data-result tabIndex={-1} aria-labelledby="test-mint-result-title">
      <div className="panel__head">
        <div>
          <h2 className="panel__title" id="test-mint-result-title">
            Token minted for {outcome.appId}
          </h2>
          <p className="panel__hint">
            Lives {outcome.expiresIn} s, until <span className="mono">{outcome.exp}</span>
          </p>
        </div>
        <Countdown exp={exp} />
      </div>
      <div>
        <div className="code-head">
          <span>Token</span>
          <CopyButton text={outcome.token} label="Copy token" />
        </div>
        <pre className="code-block" data-testid="minted-token">
          {outcome.token}
        </pre>
      </div>
      {outcome.inspection ? <Verification inspection={outcome.inspection} /> : null}
      {outcome.verifyError ? (
        <div className="alert alert--warn" role="alert">
          <div className="alert__body">
            <span className="alert__title">{outcome.verifyError}</span>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function Refused({ outcome }: { outcome: Extract<Outcome, { kind: 'refused' }> }) {
  return (
    <section className="panel" data-testid="test-mint-problem" data-code={outcome.code} data-status={outcome.status} data-result tabIndex={-1} aria-label="Mint refused">
      <div className="alert alert--error" role="alert">
        <div className="alert__body">
          <span className="alert__title">
            {outcome.status ? `${outcome.status} · ` : ''}
            {outcome.code}
          </span>
          <span className="alert__detail" data-testid="test-mint-explanation">
            {hintFor(outcome.code)}
          </span>
        </div>
      </div>
      {outcome.body ? (
        <div>
          <div className="code-head">
            <span>Problem details (application/problem+json)</span>
          </div>
          <pre className="code-block" data-testid="problem-body">
            {JSON.stringify(outcome.body, null, 2)}
          </pre>
        </div>
      ) : null}
    </section>
  );
}
