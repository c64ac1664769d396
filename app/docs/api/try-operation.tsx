'use client';

import { useId, useState, type FormEvent } from 'react';
import { CopyButton } from '@/app/_components/copy-button';
import { CodeField } from './code-field';
import { missingPathParams, requestCurl, requestPath, type TryRequestSpec } from '@/lib/ui/docs/try-request';
import { setTryToken, useTryToken } from './try-token';
import { TryResult, useTrySend } from './try-send';

/**
 * "Try it" for an operation called with a bearer token (the management API): paste a service-account
 * token (or an API token with the scopes), fill in the parameters and body, send it from this page.
 * The request carries the pasted token and no cookie.
 */
export function TryOperation({ origin, spec }: { origin: string; spec: TryRequestSpec }) {
  const ids = useId();
  const token = useTryToken();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(spec.params.map((p) => [p.name, p.example])));
  const [body, setBody] = useState(spec.body?.example ?? '');
  const { pending, outcome, send: sendRequest } = useTrySend();
  const missing = missingPathParams(spec, values);
  const path = requestPath(spec, values);
  const curl = requestCurl(origin, spec, values, spec.body ? body : null);
  const ready = token.trim() !== '' && missing.length === 0;

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!ready || pending) return;
    const headers: Record<string, string> = { authorization: `Bearer ${token.trim()}` };
    if (spec.body) headers['content-type'] = spec.body.contentType;
    await sendRequest(path, { method: spec.method, headers, body: spec.body ? body : undefined, credentials: 'omit' });
  }

  return (
    <section className="docs-try" data-testid="try-operation" aria-labelledby={`${ids}-title`}>
      <div className="docs-try__head">
        <h3 id={`${ids}-title`}>Try it</h3>
        <p className="muted">
          Sends the request from this page with the token you paste{spec.scopes.length ? <> (it needs {spec.scopes.map((s, i) => <code key={s}>{i ? ` ${s}` : s}</code>)})</> : null}; no cookie goes with it.
        </p>
      </div>
      <div className="docs-try__grid">
        <form className="docs-try__form" onSubmit={send} data-testid="try-operation-form" noValidate>
          <CodeField
            id={`${ids}-token`}
            label="Bearer token"
            type="password"
            value={token}
            onValue={setTryToken}
            placeholder="agw_sa_…"
            aria-describedby={`${ids}-token-hint`}
            data-testid="try-bearer"
          >
            <span className="field-hint" id={`${ids}-token-hint`}>
              A service account’s token (console, Service accounts) or an API token with the scope. Kept in this page only, shared by its panels.
            </span>
          </CodeField>
          {spec.params.map((p) => (
            <CodeField
              key={p.name}
              id={`${ids}-${p.name}`}
              label={
                <>
                  {p.name} <span className="docs-label-hint">{p.in === 'path' ? 'in path' : p.required ? 'query' : 'query, optional'}</span>
                </>
              }
              value={values[p.name] ?? ''}
              onValue={(value) => setValues((v) => ({ ...v, [p.name]: value }))}
              aria-invalid={p.in === 'path' && missing.includes(p.name) ? true : undefined}
              data-testid={`try-param-${p.name}`}
            />
          ))}
          {spec.body ? (
            <div className="field">
              <label htmlFor={`${ids}-body`}>
                Body <span className="docs-label-hint">{spec.body.contentType}</span>
              </label>
              <textarea id={`${ids}-body`} className="textarea" rows={8} value={body} onChange={(e) => setBody(e.target.value)} spellCheck={false} data-testid="try-request-body" />
            </div>
          ) : null}
          <div className="docs-codebox">
            <div className="docs-codebox__head">Request</div>
            {/* Focusable: a long line scrolls sideways, and keyboard users must be able to scroll it too. */}
            <pre data-testid="try-operation-request" tabIndex={0} aria-label="Request">{`${spec.method} ${path}\nAuthorization: Bearer ${token.trim() ? '<the pasted token>' : '<paste a token above>'}${spec.body ? `\nContent-Type: ${spec.body.contentType}\n\n${body}` : ''}`}</pre>
          </div>
          {missing.length ? (
            <p className="field-hint" data-testid="try-missing">
              Fill in {missing.join(', ')} to send it.
            </p>
          ) : null}
          <button type="submit" className="btn btn--primary" disabled={pending || !ready} data-testid="try-operation-send">
            {pending ? 'Sending…' : 'Send request'}
          </button>
        </form>
        <TryResult pending={pending} outcome={outcome} empty={<p>Send the request to see the status, headers and body here.</p>} />
      </div>
      <div className="docs-codebox">
        <div className="docs-codebox__head">
          <span>With curl</span>
          <CopyButton text={curl} label="Copy curl" />
        </div>
        <pre data-testid="try-operation-curl" tabIndex={0} aria-label="The same request with curl">
          {curl}
        </pre>
      </div>
    </section>
  );
}
