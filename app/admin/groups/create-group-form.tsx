'use client';

import { useActionState } from 'react';
import { idleState } from '@/lib/ui/forms/action-state';
import { createGroupAction } from '../_actions/groups';
import { Field, invalid } from '../_components/field';
import { FormMessage } from '../_components/form-message';
import { SubmitRow } from '../_components/submit-row';

export function CreateGroupForm() {
  const [state, action, pending] = useActionState(createGroupAction, idleState({ name: '', source: 'console', externalId: '' }));
  const e = state.fieldErrors;
  return (
    <form action={action} key={state.seq} className="admin-stack" data-testid="create-group" noValidate>
      <div className="form-grid">
        <Field id="group-name" label="Name" error={e.name}>
          <input id="group-name" name="name" className="input" maxLength={200} defaultValue={state.values.name} {...invalid('group-name', e.name)} />
        </Field>
        <Field id="group-source" label="Members set by" error={e.source}>
          <select id="group-source" name="source" className="select" defaultValue={state.values.source || 'console'}>
            <option value="console">This console</option>
            <option value="oidc">Sign-ins (the identity provider’s groups claim)</option>
          </select>
        </Field>
        <Field
          id="group-external-id"
          label="Claim value (sign-ins only)"
          error={e.externalId}
          hint="For a group whose members sign-ins set: the value of the groups claim it stands for, exactly as the provider sends it."
        >
          <input id="group-external-id" name="externalId" className="input" maxLength={256} defaultValue={state.values.externalId} {...invalid('group-external-id', e.externalId)} />
        </Field>
      </div>
      <FormMessage state={state} testId="create-group" />
      <SubmitRow pending={pending} label="Create group" pendingLabel="Creating…" />
    </form>
  );
}
