'use client';

import { useActionState } from 'react';
import { idleState } from '@/lib/ui/forms/action-state';
import { addResourceAction } from '../_actions/resources';
import { Field, invalid } from '../_components/field';
import { FormMessage } from '../_components/form-message';
import { SubmitRow } from '../_components/submit-row';

/** "Add a resource": its id and the scopes it offers; a refusal keeps what was typed. */
export function AddResourceForm() {
  const [state, action, pending] = useActionState(addResourceAction, idleState({ resourceId: '', scopes: '' }));
  const values = state.status === 'error' ? state.values : { resourceId: '', scopes: '' };
  const e = state.fieldErrors;
  return (
    <form action={action} key={state.seq} className="admin-stack" data-testid="add-resource" noValidate>
      <div className="form-grid">
        <Field id="resource-id" label="Resource id" error={e.resourceId} hint="e.g. platform-api; never an app’s id.">
          <input id="resource-id" name="resourceId" className="input mono" defaultValue={values.resourceId} {...invalid('resource-id', e.resourceId)} />
        </Field>
        <Field id="resource-scopes" label="Scopes (space-separated)" error={e.scopes} hint="e.g. runs:read runs:write">
          <input id="resource-scopes" name="scopes" className="input mono" defaultValue={values.scopes} {...invalid('resource-scopes', e.scopes)} />
        </Field>
      </div>
      <FormMessage state={state} testId="add-resource" />
      <SubmitRow pending={pending} label="Add resource" pendingLabel="Adding…" />
    </form>
  );
}
