'use client';

import { useActionState } from 'react';
import { idleState } from '@/lib/ui/forms/action-state';
import { SHARING_LABELS, SHARING_LEVELS, type SharingLevel } from '@/lib/gateway/sharing/sharing-levels';
import { saveOrgSharing } from '../_actions/sharing';
import { FormMessage } from '../_components/form-message';
import { SubmitRow } from '../_components/submit-row';

/** The org's external sharing switch, as radio choices. */
export function SharingForm({ level }: { level: SharingLevel }) {
  const [state, action, pending] = useActionState(saveOrgSharing, idleState({ sharing: level }));
  const current = state.values.sharing ?? level;
  return (
    <form action={action} key={state.seq} className="admin-stack" data-testid="sharing-form">
      <fieldset className="choice-group">
        <legend>External sharing</legend>
        {SHARING_LEVELS.map((value) => (
          <label key={value} className="choice">
            <input type="radio" name="sharing" value={value} defaultChecked={current === value} />
            <span className="choice__label">{SHARING_LABELS[value]}</span>
          </label>
        ))}
      </fieldset>
      <FormMessage state={state} testId="sharing-form" />
      <SubmitRow pending={pending} label="Save" pendingLabel="Saving…" />
    </form>
  );
}
