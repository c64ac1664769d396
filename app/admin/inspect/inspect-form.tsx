'use client';

import { useActionState } from 'react';
import { idleState } from '@/lib/ui/forms/action-state';
import type { TokenInspection } from '@/lib/gateway/inspect/inspect-token';
import { inspectTokenForm } from '../_actions/inspect';
import { Countdown } from '../_components/countdown';
import { Field, invalid } from '../_components/field';
import { FormMessage } from '../_components/form-message';
import { SubmitRow } from '../_components/submit-row';
import { Verification } from '../_components/verification';

export function InspectForm() {
  const [state, action, pending] = useActionState(inspectTokenForm, idleState<TokenInspection>({ token: '', app: '' }));
  const e = state.fieldErrors;
  const inspection = state.status === 'ok' ? state.data : undefined;
  return (
    <div className="admin-stack">
      <form action={action} key={state.seq} className="panel" data-testid="inspect-form" noValidate>
        <Field id="inspect-token" label="Token" error={e.token} wide>
          <textarea
            id="inspect-token"
            name="token"
            className="textarea"
            spellCheck={false}
            autoComplete="off"
            placeholder="eyJhbGciOiJFUzI1NiIs…"
            defaultValue={state.values.token}
            {...invalid('inspect-token', e.token)}
          />
        </Field>
        <Field id="inspect-app" label="Expected app id (optional)" error={e.app} hint="The app the token must be for (its aud). Leave empty to skip that check.">
          <input id="inspect-app" name="app" className="input mono" defaultValue={state.values.app} {...invalid('inspect-app', e.app)} />
        </Field>
        {state.status === 'error' ? <FormMessage state={state} testId="inspect" /> : null}
        <SubmitRow pending={pending} label="Inspect token" pendingLabel="Checking…">
          <span className="field-hint">Verified on this gateway with its own published keys. The token is not stored or logged.</span>
        </SubmitRow>
      </form>
      {inspection ? (
        <section className="panel" data-testid="inspect-result">
          {inspection.exp !== null ? (
            <div className="panel__head">
              <h2 className="panel__title">Result</h2>
              <Countdown exp={inspection.exp} />
            </div>
          ) : null}
          <Verification inspection={inspection} />
        </section>
      ) : null}
    </div>
  );
}
