'use client';

import Link from 'next/link';
import { addMember } from '../_actions/members';
import { ConsoleForm } from '../_components/console-form';
import { useConsoleForm } from '../_components/use-console-form';
import { TextField } from '../_components/field';
import { RoleField } from '../_components/role-field';

export function AddMemberForm() {
  const { form, values, errors } = useConsoleForm(addMember, { email: '', role: 'member' });
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
