'use client';

import { useActionState } from 'react';
import { GRANT_CHOICES } from '@/lib/gateway/access-requests/grant-duration';
import { idleState } from '@/lib/ui/forms/action-state';
import { approveRequestInConsole, denyRequestInConsole } from '../_actions/access-requests';

/** Approve for one of the durations, or deny: one row's answer. */
export function AnswerRequest({ requestId, who }: { requestId: string; who: string }) {
  const [approved, approve, approving] = useActionState(approveRequestInConsole, idleState());
  const [denied, deny, denying] = useActionState(denyRequestInConsole, idleState());
  const answered = approved.status === 'ok' ? approved : denied.status === 'ok' ? denied : null;
  if (answered) {
    return (
      <span className="cell-sub" role="status" data-testid="request-answered">
        {answered.message}
      </span>
    );
  }
  const error = approved.status === 'error' ? approved.message : denied.status === 'error' ? denied.message : null;
  return (
    <div className="cell-actions answer-request">
      <form action={approve} className="inline-action">
        <input type="hidden" name="requestId" value={requestId} />
        <label className="visually-hidden" htmlFor={`duration-${requestId}`}>
          How long {who} may open it
        </label>
        <select id={`duration-${requestId}`} name="duration" className="select" defaultValue="3600" data-testid="approve-duration">
          {GRANT_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn--small btn--primary" disabled={approving || denying} data-testid="approve-request">
          Approve
        </button>
      </form>
      <form action={deny} className="inline-action">
        <input type="hidden" name="requestId" value={requestId} />
        <button type="submit" className="btn btn--small btn--danger-outline" disabled={approving || denying} data-testid="deny-request">
          Deny
        </button>
      </form>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
