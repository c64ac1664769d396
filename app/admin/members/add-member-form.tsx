'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { idleState } from '@/lib/ui/forms/action-state';
import { addMember } from '../_actions/members';
import { Field, invalid } from '../_components/field';
import { FormMessage } from '../_components/form-message';
import { RoleField } from '../_components/role-field';
import { SubmitRow } from '../_components/submit-row';

export function AddMemberForm() {
  const [state, action, pending] = useActionState(addMember, idleState({ email: '', role: 'member' }));
  const e = state.fieldErrors;
  return (
    <form action={action} key={state.seq} className="admin-stack" data-testid="add-member" noValidate>
      <div className="form-grid">
        <Field
          id="member-email"
          label="Email"
          error={e.email}
          hint={
            <>
              They get an invitation to accept or decline on their home page; see it under <Link href="/admin/invitations">Invitations</Link>.
            </>
          }
        >
          <input id="member-email" name="email" type="email" className="input" defaultValue={state.values.email} {...invalid('member-email', e.email)} />
        </Field>
        <RoleField id="member-role" role={state.values.role} error={e.role} />
      </div>
      <FormMessage state={state} testId="add-member" />
      <SubmitRow pending={pending} label="Invite member" pendingLabel="Inviting…" />
    </form>
  );
}
