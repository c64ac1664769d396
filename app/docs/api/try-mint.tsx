'use client';

import { useId, useState, type FormEvent } from 'react';
import { hintFor } from '@/lib/gateway/errors';
import { decodeJwtForDisplay, MINT_PATH, mintCurl, mintRequestBody, numericDate, type DecodedJwt } from '@/lib/docs/try-mint';
import { CopyButton } from './copy-button';
import { StatusBadge } from './reference-parts';

type AppChoice = { id: string; title: string; orgName: string };

type Outcome =
  | {
      kind: 'response';
      status: number;
      statusText: string;
      ms: number;
      headers: Array<[string, string]>;
      body: string;
      json: Record<string, unknown> | null;
      token: DecodedJwt | null;
    }
  | { kind: 'network'; message: string };

// What a refusal means for the person trying it here.

/** "Try it" for POST /v1/app-gateway/{appId}/session, sent with the signed-in browser session. */
export function TryMint({
  origin,
  signedIn,
  signInHref,
  apps,
  defaultAppId,
}: {
  origin: string;
  signedIn: boolean;
  signInHref: string;
  apps: AppChoice[];
  defaultAppId: string;
}) {
  const ids = useId();
  const [appId, setAppId] = useState(defaultAppId);
  const [workflowId, setWorkflowId] = useState('');
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const body = mintRequestBody(workflowId);
  const path = MINT_PATH(appId.trim());
  const curl = mintCurl(origin, appId.trim(), workflowId);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (appId.trim() === '' || pending) return;
    setPending(true);
    const started = performance.now();
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        credentials: 'same-origin',
        cache: 'no-store',
      });
      const text = await response.text();
      const json = parseObject(text);
      setOutcome({
        kind: 'response',
        status: response.status,
        statusText: response.statusText,
        ms: Math.round(performance.now() - started),
        headers: [...response.headers.entries()],
        body: json ? JSON.stringify(json, null, 2) : text,
        json,
        token: response.ok && typeof json?.token === 'string' ? decodeJwtForDisplay(json.token) : null,
      });
    } catch {
      setOutcome({ kind: 'network', message: 'The gateway could not be reached.' });
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="docs-try" data-testid="try-it" aria-labelledby={`${ids}-title`}>
      <div className="docs-try__head">
        <h3 id={`${ids}-title`}>Try it</h3>
        <p className="muted">Sends the request from this page, as you, with your browser session.</p>
      </div>

      {signedIn ? (
        <div className="docs-try__grid">
          <form className="docs-try__form" onSubmit={send} data-testid="try-form">
            <div className="field">
              <label htmlFor={`${ids}-app`}>App id</label>
              <input
                id={`${ids}-app`}
                className="input mono"
                list={`${ids}-apps`}
                value={appId}
                onChange={(e) => setAppId(e.target.value)}
                required
                spellCheck={false}
                autoComplete="off"
                data-testid="try-app-id"
              />
              <datalist id={`${ids}-apps`}>
                {apps.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.title} · {a.orgName}
                  </option>
                ))}
              </datalist>
            </div>
            <div className="field">
              <label htmlFor={`${ids}-workflow`}>
                Workflow id <span className="docs-label-hint">optional</span>
              </label>
              <input
                id={`${ids}-workflow`}
                className="input mono"
                value={workflowId}
                onChange={(e) => setWorkflowId(e.target.value)}
                placeholder="the run’s own workflow"
                spellCheck={false}
                autoComplete="off"
                data-testid="try-workflow-id"
              />
            </div>
            <div className="docs-codebox">
              <div className="docs-codebox__head">Request</div>
              <pre data-testid="try-request">
                {`POST ${path}\nContent-Type: application/json\nCookie: <your session, sent by the browser>\n\n${body}`}
              </pre>
            </div>
            <button type="submit" className="btn btn--primary" disabled={pending || appId.trim() === ''} data-testid="try-send">
              {pending ? 'Sending…' : 'Send request'}
            </button>
          </form>

          <div className="docs-try__result" aria-live="polite" aria-busy={pending}>
            {outcome === null ? (
              <div className="docs-try__empty">
                <p>Send the request to see the status, headers and body here.</p>
                <p className="muted">A 200 carries a token for you; its header and claims are decoded below it.</p>
              </div>
            ) : outcome.kind === 'network' ? (
              <div className="alert alert--error" role="alert" data-testid="try-network-error">
                <div className="alert__body">
                  <span className="alert__title">No response</span>
                  <span className="alert__detail">{outcome.message}</span>
                </div>
              </div>
            ) : (
              <ResponseView outcome={outcome} />
            )}
          </div>
        </div>
      ) : (
        <div className="alert alert--info" data-testid="try-signed-out">
          <div className="alert__body">
            <span className="alert__title">Sign in to try it</span>
            <span className="alert__detail">The request is sent with your browser session, so it mints a token for you.</span>
          </div>
          <div className="alert__actions">
            <a className="btn btn--primary btn--small" href={signInHref}>
              Sign in
            </a>
          </div>
        </div>
      )}

      <div className="docs-codebox">
        <div className="docs-codebox__head">
          <span>With an API token, from anywhere</span>
          <CopyButton text={curl} label="Copy curl" testId="try-copy-curl" />
        </div>
        <pre data-testid="try-curl">{curl}</pre>
      </div>
      <p className="docs-try__foot muted">
        Replace <code>agw_YOUR_TOKEN</code> with a token from <a href="/settings/tokens">API tokens</a>; a Bearer call needs no
        cookie and no <code>Origin</code>. A token is shown once: keep it out of shell history and logs.
      </p>
    </section>
  );
}

function ResponseView({ outcome }: { outcome: Extract<Outcome, { kind: 'response' }> }) {
  const code = typeof outcome.json?.code === 'string' ? outcome.json.code : null;
  const hint = code ? hintFor(code) : undefined;
  return (
    <div className="docs-result">
      <div className="docs-result__status" data-testid="try-status" data-status={outcome.status}>
        <StatusBadge status={outcome.status}>
          {outcome.status} {outcome.statusText}
        </StatusBadge>
        {code ? (
          <a href={`#${code}`} className="docs-code-chip" data-testid="try-code">
            {code}
          </a>
        ) : null}
        <span className="muted">{outcome.ms} ms</span>
      </div>
      {hint ? <p className="docs-result__hint">{hint}</p> : null}

      {outcome.token ? <TokenView token={outcome.token} /> : null}

      <div className="docs-codebox">
        <div className="docs-codebox__head">Body</div>
        <pre data-testid="try-body">{outcome.body || '(empty)'}</pre>
      </div>

      <details className="docs-result__headers">
        <summary>Response headers ({outcome.headers.length})</summary>
        <table className="docs-table docs-table--compact" data-testid="try-headers">
          <tbody>
            {outcome.headers.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>
                  <code>{value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

function TokenView({ token }: { token: DecodedJwt }) {
  const { claims } = token;
  const exp = numericDate(claims.exp);
  return (
    <div className="docs-token" data-testid="try-token">
      <p className="docs-token__who">
        A token for <strong data-testid="try-token-name">{String(claims.name ?? claims.sub ?? 'unknown')}</strong>
        {typeof claims.email === 'string' ? <span className="muted"> · {claims.email}</span> : null}
        {typeof claims.aud === 'string' ? (
          <>
            {' '}
            for <code>{claims.aud}</code>
          </>
        ) : null}
        {exp ? <span className="muted"> · expires {exp}</span> : null}
      </p>
      <div className="docs-token__parts">
        <div className="docs-codebox">
          <div className="docs-codebox__head">Header</div>
          <pre data-testid="try-token-header">{JSON.stringify(token.header, null, 2)}</pre>
        </div>
        <div className="docs-codebox">
          <div className="docs-codebox__head">Claims</div>
          <pre data-testid="try-token-claims">{JSON.stringify(claims, null, 2)}</pre>
        </div>
      </div>
      <p className="muted docs-token__note">
        Decoded for display only. An artifact’s backend verifies the signature against <code>/.well-known/jwks.json</code>,
        pinning <code>ES256</code>, <code>typ</code>, <code>iss</code> and <code>aud</code>.
      </p>
    </div>
  );
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
