'use client';

import type { ActionState } from '@/lib/ui/forms/action-state';
import type { OrgWorkflow } from '@/lib/gateway/apps/org-apps';
import { ConsoleForm } from '../_components/console-form';
import { useConsoleForm } from '../_components/use-console-form';
import { SelectField, TextField } from '../_components/field';
import { HostingFields } from './hosting-fields';

type AppFormValues = { title: string; workflowId: string; hosting: string; artifactUrl: string; upstreamUrl: string; access: string };
type Values = AppFormValues;

const ACCESS = [
  { value: 'login_required', label: 'Login required' },
  { value: 'public', label: 'Public' },
];

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
  const { form, state, errors } = useConsoleForm<T>(action, initial);
  // After a registration the form starts over; after an edit or a refusal it shows what was sent.
  const values = (state.status === 'ok' && !appId ? initial : { ...initial, ...state.values }) as Values;
  const id = (name: string) => `${testId}-${name}`;
  const created = state.status === 'ok' && state.data ? state.data.id : null;
  const opened = created ? (
    <a href={`/apps/${encodeURIComponent(created)}`} data-testid={`${testId}-open`}>
      Open it in the viewer
    </a>
  ) : null;
  const back = appId ? (
    <a className="btn btn--ghost" href="/admin/apps">
      Back to apps
    </a>
  ) : null;
  return (
    <ConsoleForm form={form} testId={testId} submit={[submitLabel, 'Saving…']} done={opened} aside={back}>
      {appId ? <input type="hidden" name="appId" value={appId} /> : null}
      <div className="form-grid form-grid--wide">
        <TextField id={id('title')} name="title" label="Title" maxLength={400} values={values} errors={errors} />
        <SelectField id={id('workflowId')} name="workflowId" label="Workflow" values={values} errors={errors} options={workflows.map((w) => ({ value: w.id, label: w.name }))}>
          <option value="">Choose…</option>
        </SelectField>
        <SelectField id={id('access')} name="access" label="Access" values={values} errors={errors} options={ACCESS} />
        <HostingFields testId={testId} values={values} errors={errors} />
      </div>
    </ConsoleForm>
  );
}
