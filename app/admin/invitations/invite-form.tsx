'use client';

import { sendInvitation } from '../_actions/invitations';
import { ConsoleForm } from '../_components/console-form';
import { useConsoleForm } from '../_components/use-console-form';
import { TextField } from '../_components/field';
import { RoleField } from '../_components/role-field';

export function InviteForm() {
  const { form, values, errors } = useConsoleForm(sendInvitation, { email: '', role: 'member', expiresInDays: '7' });
  return (
    <ConsoleForm form={form} testId="invite" submit={['Invite', 'Inviting…']}>
      <div className="form-grid">
        <TextField id="invite-email" name="email" label="Email" hint="No email is sent: tell them to sign in with this address." type="email" values={values} errors={errors} />
        <RoleField id="invite-role" role={values.role} error={errors.role} />
        <TextField
          id="invite-days"
          name="expiresInDays"
          label="Expires after (days)"
          hint="1 to 90 days."
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          values={{ expiresInDays: values.expiresInDays ?? '7' }}
          errors={errors}
        />
      </div>
    </ConsoleForm>
  );
}
