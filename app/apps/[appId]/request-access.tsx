'use client';

import { useParams } from 'next/navigation';
import { useActionState } from 'react';
import { requestAppAccess } from '@/app/_actions/access-requests';
import { idleState } from '@/lib/ui/forms/action-state';

const NOTE_MAX = 500;

/**
 * "Request access" under the not-found state (SPEC §16): an optional note, then the one answer
 * that says nothing about whether the app exists. The app id is the page's own (from the address
 * when the page itself was not found).
 */
export function RequestAccess({ appId }: { appId?: string }) {
  const params = useParams<{ appId: string }>();
  const id = appId ?? params?.appId ?? '';
  const [state, action, pending] = useActionState(requestAppAccess, idleState({ note: '' }));
  if (state.status === 'ok') {
    return (
      <p className="alert alert--info" role="status" data-testid="request-access-answer">
        {state.message}
      </p>
    );
  }
  return (
    <form action={action} key={state.seq} className="request-access" data-testid="request-access-form">
      <input type="hidden" name="appId" value={id} />
      <label className="field-label" htmlFor="request-access-note">
        Need it? Ask for access (optional note for the admins)
      </label>
      <textarea
        id="request-access-note"
        name="note"
        className="textarea"
        rows={3}
        maxLength={NOTE_MAX}
        defaultValue={state.values.note}
        placeholder="Why you need it"
        data-testid="request-access-note"
      />
      {state.status === 'error' ? (
        <p className="field-error" role="alert" data-testid="request-access-error">
          {state.message}
        </p>
      ) : null}
      <button type="submit" className="btn btn--secondary" disabled={pending} data-testid="request-access-submit">
        {pending ? 'Sending…' : 'Request access'}
      </button>
    </form>
  );
}
