'use client';

import { useActionState } from 'react';
import { idleState } from '@/lib/ui/forms/action-state';
import { addGroupMemberAction } from '../_actions/groups';
import { Field, invalid } from '../_components/field';
import { FormMessage } from '../_components/form-message';
import { SubmitRow } from '../_components/submit-row';

/** Add a member of the org to one console group, by email. */
export function AddGroupMemberForm({ groupId, groupName }: { groupId: string; groupName: string }) {
  const [state, action, pending] = useActionState(addGroupMemberAction, idleState({ email: '' }));
  const id = `add-to-${groupId}`;
  return (
    <form action={action} key={state.seq} className="admin-stack" data-testid="add-group-member" noValidate>
      <input type="hidden" name="groupId" value={groupId} />
      <Field id={id} label={`Add a member to ${groupName}`} error={state.fieldErrors.email}>
        <input id={id} name="email" type="email" className="input" placeholder="Email of a member" defaultValue={state.values.email} {...invalid(id, state.fieldErrors.email)} />
      </Field>
      <FormMessage state={state} testId="add-group-member" />
      <SubmitRow pending={pending} label="Add" pendingLabel="Adding…" />
    </form>
  );
}
