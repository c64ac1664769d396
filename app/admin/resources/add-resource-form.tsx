'use client';

import { addResourceAction } from '../_actions/resources';
import { ConsoleForm } from '../_components/console-form';
import { useConsoleForm } from '../_components/use-console-form';
import { TextField } from '../_components/field';

/** "Add a resource": its id and the scopes it offers; a refusal keeps what was typed. */
export function AddResourceForm() {
  const { form, state, errors } = useConsoleForm(addResourceAction, { resourceId: '', scopes: '' });
  const values = state.status === 'error' ? state.values : { resourceId: '', scopes: '' };
  return (
    <ConsoleForm form={form} testId="add-resource" submit={['Add resource', 'Adding…']}>
      <div className="form-grid">
        <TextField id="resource-id" name="resourceId" label="Resource id" hint="e.g. platform-api; never an app’s id." className="input mono" values={values} errors={errors} />
        <TextField id="resource-scopes" name="scopes" label="Scopes (space-separated)" hint="e.g. runs:read runs:write" className="input mono" values={values} errors={errors} />
      </div>
    </ConsoleForm>
  );
}
