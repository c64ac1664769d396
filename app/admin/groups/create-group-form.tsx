'use client';

import { createGroupAction } from '../_actions/groups';
import { ConsoleForm } from '../_components/console-form';
import { useConsoleForm } from '../_components/use-console-form';
import { SelectField, TextField } from '../_components/field';

const CLAIM_HINT = 'For a group whose members sign-ins set: the value of the groups claim it stands for, exactly as the provider sends it.';

export function CreateGroupForm() {
  const { form, values, errors } = useConsoleForm(createGroupAction, { name: '', source: 'console', externalId: '' });
  return (
    <ConsoleForm form={form} testId="create-group" submit={['Create group', 'Creating…']}>
      <div className="form-grid">
        <TextField id="group-name" name="name" label="Name" maxLength={200} values={values} errors={errors} />
        <SelectField id="group-source" name="source" label="Members set by" values={{ source: values.source || 'console' }} errors={errors}>
          <option value="console">This console</option>
          <option value="oidc">Sign-ins (the identity provider’s groups claim)</option>
        </SelectField>
        <TextField id="group-external-id" name="externalId" label="Claim value (sign-ins only)" hint={CLAIM_HINT} maxLength={256} values={values} errors={errors} />
      </div>
    </ConsoleForm>
  );
}
