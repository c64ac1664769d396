'use client';

import { useActionState } from 'react';
import { idleState } from '@/lib/ui/forms/action-state';
import { sendInvitation } from '../_actions/invitations';
import { Field, invalid } from '../_components/field';
import { FormMessage } from '../_components/form-message';
import { RoleField } from '../_components/role-field';
import { SubmitRow } from '../_components/submit-row';

export function InviteForm() {
  const [state, action, pending] = useActionState(sendInvitation, idleState({ email: '', role: 'member', expiresInDays: '7' }));
  const e = state.fieldErrors;
  return (
    <form action={action} key={state.seq} className="admin-stack" data-testid="invite" noValidate>
      <div className="form-grid">
        <Field id="invite-email" label="Email" error={e.email} hint="No email is sent: tell them to sign in with this address.">
          <input id="invite-email" name="email" type="email" className="input" defaultValue={state.values.email} {...invalid('invite-email', e.email)} />
        </Field>
        <RoleField id="invite-role" role={state.values.role} error={e.role} />
        <Field id="invite-days" label="Expires after (days)" error={e.expiresInDays} hint="1 to 90 days.">
          <input
            id="invite-days"
            name="expiresInDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={90}
            className="input"
            defaultValue={state.values.expiresInDays ?? '7'}
            {...invalid('invite-days', e.expiresInDays)}
          />
        </Field>
      </div>
      <FormMessage state={state} testId="invite" />
      <SubmitRow pending={pending} label="Invite" pendingLabel="Inviting…" />
    </form>
  );
}
