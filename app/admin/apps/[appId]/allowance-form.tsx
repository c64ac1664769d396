'use client';

import { useActionState } from 'react';
import { idleState } from '@/lib/ui/forms/action-state';
import { saveAppAllowance } from '../../_actions/app-exchange';
import { FormMessage } from '../../_components/form-message';
import { SubmitRow } from '../../_components/submit-row';

type Props = { appId: string; resourceId: string; offered: string[]; allowance: { scopes: string[]; guests: boolean } | null };

/** The scopes a resource offers, ticked where the app is allowed them, and guests: no scope ticked takes the resource away. */
export function AllowanceForm({ appId, resourceId, offered, allowance }: Props) {
  const [state, action, pending] = useActionState(saveAppAllowance, idleState());
  // A refusal shows what was sent; otherwise what is allowed now.
  const refused = state.status === 'error';
  const ticked = new Set(refused ? (state.values.scopes ?? '').split(' ') : (allowance?.scopes ?? []));
  const guests = refused ? state.values.guests === 'on' : (allowance?.guests ?? false);
  const slug = resourceId.replace(/[^A-Za-z0-9_-]/g, '_');
  const errorId = `allow-${slug}-error`;
  return (
    <form action={action} key={state.seq} className="admin-stack" data-testid="allowance-form" data-resource-id={resourceId} noValidate>
      <input type="hidden" name="appId" value={appId} />
      <input type="hidden" name="resourceId" value={resourceId} />
      <fieldset className="choice-group" aria-describedby={state.fieldErrors.scopes ? errorId : undefined}>
        <legend>
          Scopes on <span className="mono">{resourceId}</span>
        </legend>
        <ul className="choice-list">
          {offered.map((scope) => (
            <li key={scope}>
              <label className="choice">
                <input type="checkbox" name="scope" value={scope} defaultChecked={ticked.has(scope)} data-testid={`allow-scope-${scope}`} />
                <span className="choice__label mono">{scope}</span>
              </label>
            </li>
          ))}
          <li>
            <label className="choice">
              <input type="checkbox" name="guests" defaultChecked={guests} data-testid="allow-guests" />
              <span className="choice__label">For guests too (people a share link let in)</span>
            </label>
          </li>
        </ul>
        {state.fieldErrors.scopes ? (
          <span className="field-error" id={errorId} role="alert" data-testid="allowance-scopes-error">
            {state.fieldErrors.scopes}
          </span>
        ) : null}
      </fieldset>
      <FormMessage state={state} testId="allowance" />
      <SubmitRow pending={pending} label={`Save ${resourceId}`} pendingLabel="Saving…" />
    </form>
  );
}
