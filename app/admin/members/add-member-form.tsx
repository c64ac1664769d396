'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { idleState } from '@/lib/ui/forms/action-state';
import { addMember } from '../_actions/members';
import { ConsoleForm } from '../_components/console-form';
import { TextField } from '../_components/field';
import { RoleField } from '../_components/role-field';

export function AddMemberForm() {
  const form = useActionState(addMember, idleState({ email: '', role: 'member' }));
  const [state] = form;
  const [values, errors] = [state.values, state.fieldErrors];
  const hint = (
    <>
      They get an invitation to accept or decline on their home page; see it under <Link href="/admin/invitations">Invitations</Link>.
    </>
  );
  return (
    <ConsoleForm form={form} testId="add-member" submit={['Invite member', 'Inviting…']}>
      <div className="form-grid">
        <TextField id="member-email" name="email" label="Email" hint={hint} type="email" values={values} errors={errors} />
        <RoleField id="member-role" role={values.role} error={errors.role} />
      </div>
    </ConsoleForm>
  );
}
