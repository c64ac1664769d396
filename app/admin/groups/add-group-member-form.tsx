'use client';

import { addGroupMemberAction } from '../_actions/groups';
import { ConsoleForm } from '../_components/console-form';
import { useConsoleForm } from '../_components/use-console-form';
import { TextField } from '../_components/field';

/** Add a member of the org to one console group, by email. */
export function AddGroupMemberForm({ groupId, groupName }: { groupId: string; groupName: string }) {
  const { form, values, errors } = useConsoleForm(addGroupMemberAction, { email: '' });
  return (
    <ConsoleForm form={form} testId="add-group-member" submit={['Add', 'Adding…']}>
      <input type="hidden" name="groupId" value={groupId} />
      <TextField
        id={`add-to-${groupId}`}
        name="email"
        label={`Add a member to ${groupName}`}
        type="email"
        placeholder="Email of a member"
        values={values}
        errors={errors}
      />
    </ConsoleForm>
  );
}
