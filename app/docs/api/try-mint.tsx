'use client';

import { useId, useState, type FormEvent } from 'react';
import { MINT_PATH, mintCurl, mintRequestBody } from '@/lib/ui/docs/try-mint';
import { CopyButton } from '@/app/_components/copy-button';
import { CodeField } from './code-field';
import { TryResult, useTrySend } from './try-send';

type AppChoice = { id: string; title: string; orgName: string };

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
  const { pending, outcome, send: sendRequest } = useTrySend();

  const body = mintRequestBody(workflowId);
  const path = MINT_PATH(appId.trim());
  const curl = mintCurl(origin, appId.trim(), workflowId);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (appId.trim() === '' || pending) return;
    await sendRequest(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body, credentials: 'same-origin' }, { decodeToken: true });
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
            <CodeField id={`${ids}-app`} label="App id" list={`${ids}-apps`} value={appId} onValue={setAppId} required data-testid="try-app-id">
              <datalist id={`${ids}-apps`}>
                {apps.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.title} · {a.orgName}
                  </option>
                ))}
              </datalist>
            </CodeField>
            <CodeField
              id={`${ids}-workflow`}
              label={
                <>
                  Workflow id <span className="docs-label-hint">optional</span>
                </>
              }
              value={workflowId}
              onValue={setWorkflowId}
              placeholder="the run’s own workflow"
              data-testid="try-workflow-id"
            />
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

          <TryResult
            pending={pending}
            outcome={outcome}
            empty={
              <>
                <p>Send the request to see the status, headers and body here.</p>
                <p className="muted">A 200 carries a token for you; its header and claims are decoded below it.</p>
              </>
            }
          />
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
