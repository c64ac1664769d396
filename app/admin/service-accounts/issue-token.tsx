'use client';

import { useActionState, type ReactNode } from 'react';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from '@/lib/gateway/service-accounts/service-account-input';
import { idleState } from '@/lib/ui/forms/action-state';
import { issueTokenAction, type IssuedToken } from '../_actions/service-accounts';
import { invalid } from '../_components/field';
import { useInlinePanel } from '../_components/inline-panel';
import { NewTokenBox } from './new-token-box';

type Props = {
  serviceAccountId: string;
  name: string;
  /** False while the account holds two live tokens (the action checks again). */
  canIssue: boolean;
  /** The other cells of the account's row, rendered by the server. */
  cells: ReactNode;
  /** The row's other actions (revoke). */
  actions: ReactNode;
  columns: number;
};

/**
 * An account's table row with "New token" (a rotation): it asks for the new token's life, then shows
 * the token once in a full-width row beneath. The old token keeps working until an admin revokes it.
 */
export function AccountRowWithIssue({ serviceAccountId, name, canIssue, cells, actions, columns }: Props) {
  const [state, action, pending] = useActionState(issueTokenAction, idleState<IssuedToken>({ expiresInDays: String(DEFAULT_TOKEN_DAYS) }));
  // Focus goes to the days field when the panel opens; after a success the new token takes it (NewTokenBox).
  const { open, answered, show, hide, triggerRef, focusRef: daysRef } = useInlinePanel<HTMLInputElement, IssuedToken>(state, true);
  // The new token stays on show until the admin starts another one.
  const issued = state.status === 'ok' && !open ? state.data : undefined;
  const error = state.status === 'error' && answered ? state : null;
  const daysError = error?.fieldErrors.expiresInDays;
  const id = `issue-${serviceAccountId}`;
  return (
    <>
      <tr data-testid="service-account-row" data-service-account-id={serviceAccountId} data-state="active">
        {cells}
        <td>
          <div className="cell-actions">
            <div className="inline-action" data-testid="issue-token">
              {open ? (
                <form action={action} key={state.seq} className="confirm" role="group" aria-label={`New token for ${name}`} noValidate>
                  <input type="hidden" name="serviceAccountId" value={serviceAccountId} />
                  <span className="confirm__title">New token for {name}</span>
                  <span>Both tokens work until you revoke the old one, once the pipeline uses the new one.</span>
                  <label htmlFor={`${id}-days`}>Expires after (days)</label>
                  <input
                    ref={daysRef}
                    id={`${id}-days`}
                    name="expiresInDays"
                    className="input"
                    inputMode="numeric"
                    defaultValue={state.values.expiresInDays ?? String(DEFAULT_TOKEN_DAYS)}
                    {...invalid(`${id}-days`, daysError)}
                  />
                  {daysError ? (
                    <span className="field-error" id={`${id}-days-error`} data-testid="issue-token-days-error" role="alert">
                      {daysError}
                    </span>
                  ) : (
                    <span className="field-hint">1–{MAX_TOKEN_DAYS}.</span>
                  )}
                  {error && !daysError ? (
                    <span className="field-error" role="alert" data-testid="issue-token-error">
                      {error.message}
                    </span>
                  ) : null}
                  <div className="confirm__actions">
                    <button type="button" className="btn btn--ghost btn--small" onClick={hide} disabled={pending}>
                      Cancel
                    </button>
                    <button type="submit" className="btn btn--small btn--primary" disabled={pending}>
                      {pending ? 'Issuing…' : 'Issue token'}
                    </button>
                  </div>
                </form>
              ) : canIssue ? (
                <button ref={triggerRef} type="button" className="btn btn--small btn--secondary" onClick={show}>
                  New token
                </button>
              ) : (
                <span className="field-hint" data-testid="token-limit">
                  Two live tokens: revoke one to issue another.
                </span>
              )}
            </div>
            {actions}
          </div>
        </td>
      </tr>
      {issued ? (
        <tr className="row-detail" data-testid="issued-token-row" data-service-account-id={serviceAccountId}>
          <td colSpan={columns}>
            <NewTokenBox token={issued.token} expiresAt={issued.expiresAt} seq={state.seq} testId="issued-token" />
          </td>
        </tr>
      ) : null}
    </>
  );
}
