'use client';

import { registerWebhook } from '../_actions/webhooks';
import { ConsoleForm, ShownOnce } from '../_components/console-form';
import { useConsoleForm } from '../_components/use-console-form';
import { TextField } from '../_components/field';

export function WebhookForm() {
  const { form, state, values, errors } = useConsoleForm<{ secret: string }>(registerWebhook, { url: '' });
  return (
    <ConsoleForm form={form} testId="add-webhook" submit={['Add endpoint', 'Adding…']} after={<ShownOnce value={state.data?.secret} copyLabel="Copy secret" testId="webhook-secret" />}>
      <TextField
        id="webhook-url"
        name="url"
        label="Endpoint URL"
        hint="https:// only in production; private network addresses are refused."
        type="url"
        placeholder="https://siem.example.com/app-gateway"
        values={values}
        errors={errors}
      />
    </ConsoleForm>
  );
}
