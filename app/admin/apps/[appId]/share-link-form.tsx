'use client';

import { createAppShareLink, type NewShareLink } from '../../_actions/sharing';
import { ConsoleForm, ShownOnce } from '../../_components/console-form';
import { useConsoleForm } from '../../_components/use-console-form';
import { SelectField, TextField } from '../../_components/field';

const EXPIRIES = [
  { value: 3600, label: '1 hour' },
  { value: 86400, label: '1 day' },
  { value: 604800, label: '7 days' },
  { value: 2592000, label: '30 days' },
];

/** Creates a share link; its URL is shown once, with a copy button. */
export function ShareLinkForm({ appId }: { appId: string }) {
  const { form, state, values, errors } = useConsoleForm<NewShareLink>(createAppShareLink, { expiresIn: '604800', maxUses: '' });
  return (
    <ConsoleForm form={form} testId="create-share-link" submit={['Create link', 'Creating…']} after={<ShownOnce value={state.data?.url} copyLabel="Copy link" testId="share-link-url" />}>
      <input type="hidden" name="appId" value={appId} />
      <div className="form-grid">
        <SelectField id="share-expires" name="expiresIn" label="Expires after" values={values} errors={errors} options={EXPIRIES} />
        <TextField id="share-max-uses" name="maxUses" label="At most this many people (optional)" hint="Empty: no limit." inputMode="numeric" values={values} errors={errors} />
      </div>
    </ConsoleForm>
  );
}
