'use client';

import { useActionState } from 'react';
import { idleState } from '@/lib/ui/forms/action-state';
import { registerWebhook } from '../_actions/webhooks';
import { CopyButton } from '@/app/_components/copy-button';
import { Field, invalid } from '../_components/field';
import { FormMessage } from '../_components/form-message';
import { SubmitRow } from '../_components/submit-row';

export function WebhookForm() {
  const [state, action, pending] = useActionState(registerWebhook, idleState<{ secret: string }>({ url: '' }));
  const e = state.fieldErrors;
  return (
    <form action={action} key={state.seq} className="admin-stack" data-testid="add-webhook" noValidate>
      <Field id="webhook-url" label="Endpoint URL" error={e.url} hint="https:// only in production; private network addresses are refused.">
        <input id="webhook-url" name="url" type="url" className="input" placeholder="https://siem.example.com/app-gateway" defaultValue={state.values.url} {...invalid('webhook-url', e.url)} />
      </Field>
      <FormMessage state={state} testId="add-webhook" />
      {state.data?.secret ? (
        <p className="note" data-testid="webhook-secret">
          <code>{state.data.secret}</code> <CopyButton text={state.data.secret} label="Copy secret" />
        </p>
      ) : null}
      <SubmitRow pending={pending} label="Add endpoint" pendingLabel="Adding…" />
    </form>
  );
}
