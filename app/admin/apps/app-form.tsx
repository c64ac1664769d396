'use client';

import { useActionState } from 'react';
import { idleState, type ActionState } from '@/lib/ui/forms/action-state';
import type { OrgWorkflow } from '@/lib/gateway/apps/org-apps';
import { Field, invalid } from '../_components/field';
import { FormMessage } from '../_components/form-message';
import { SubmitRow } from '../_components/submit-row';
import { HostingFields } from './hosting-fields';

type AppFormValues = { title: string; workflowId: string; hosting: string; artifactUrl: string; upstreamUrl: string; access: string };
type Values = AppFormValues;

type Props<T> = {
  action: (previous: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
  workflows: OrgWorkflow[];
  initial: Values;
  /** Set when editing. */
  appId?: string;
  submitLabel: string;
  testId: string;
};

/** Register or edit an app. A refused form keeps what was typed and says what is wrong next to each field. */
export function AppForm<T extends { id: string } | undefined>({ action, workflows, initial, appId, submitLabel, testId }: Props<T>) {
  const [state, formAction, pending] = useActionState(action, idleState<T>(initial));
  // After a registration the form starts over; after an edit or a refusal it shows what was sent.
  const values = (state.status === 'ok' && !appId ? initial : { ...initial, ...state.values }) as Values;
  const e = state.fieldErrors;
  const id = (name: string) => `${testId}-${name}`;
  const created = state.status === 'ok' && state.data ? state.data.id : null;
  return (
    <form action={formAction} key={state.seq} className="admin-stack" data-testid={testId} noValidate>
      {appId ? <input type="hidden" name="appId" value={appId} /> : null}
      <div className="form-grid form-grid--wide">
        <Field id={id('title')} label="Title" error={e.title}>
          <input id={id('title')} name="title" className="input" defaultValue={values.title} maxLength={400} {...invalid(id('title'), e.title)} />
        </Field>
        <Field id={id('workflowId')} label="Workflow" error={e.workflowId}>
          <select id={id('workflowId')} name="workflowId" className="select" defaultValue={values.workflowId} {...invalid(id('workflowId'), e.workflowId)}>
            <option value="">Choose…</option>
            {workflows.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('access')} label="Access" error={e.access}>
          <select id={id('access')} name="access" className="select" defaultValue={values.access} {...invalid(id('access'), e.access)}>
            <option value="login_required">Login required</option>
            <option value="public">Public</option>
          </select>
        </Field>
        <HostingFields testId={testId} values={values} errors={e} />
      </div>
      <FormMessage state={state} testId={testId}>
        {created ? (
          <a href={`/apps/${encodeURIComponent(created)}`} data-testid={`${testId}-open`}>
            Open it in the viewer
          </a>
        ) : null}
      </FormMessage>
      <SubmitRow pending={pending} label={submitLabel} pendingLabel="Saving…">
        {appId ? (
          <a className="btn btn--ghost" href="/admin/apps">
            Back to apps
          </a>
        ) : null}
      </SubmitRow>
    </form>
  );
}
