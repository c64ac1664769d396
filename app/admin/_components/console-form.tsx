import type { ReactNode } from 'react';
import type { ActionState } from '@/lib/ui/forms/action-state';
import { CopyButton } from '@/app/_components/copy-button';
import { FormMessage } from './form-message';
import { SubmitRow } from './submit-row';

type Props<T> = {
  /** What `useActionState` returned: the answer, the action to send, whether it runs. */
  form: [state: ActionState<T>, action: (form: FormData) => void, pending: boolean];
  testId: string;
  /** The submit button's label, and its label while the action runs. */
  submit: [string, string];
  /** `error`: a success says nothing here (the form shows what it made another way). */
  message?: 'always' | 'error';
  /** Beside the success message. */
  done?: ReactNode;
  /** Between the message and the submit button. */
  after?: ReactNode;
  /** Beside the submit button. */
  aside?: ReactNode;
  children: ReactNode;
};

/**
 * A console form on a server action (`useActionState`): remounted with each answer (`seq`), so its
 * fields show the values the answer carries; then the answer, then the submit button.
 */
export function ConsoleForm<T>({ form: [state, action, pending], testId, submit: [label, pendingLabel], message = 'always', done, after, aside, children }: Props<T>) {
  return (
    <form action={action} key={state.seq} className="admin-stack" data-testid={testId} data-seq={state.seq} noValidate>
      {children}
      {message === 'always' || state.status === 'error' ? (
        <FormMessage state={state} testId={testId}>
          {done}
        </FormMessage>
      ) : null}
      {after}
      <SubmitRow pending={pending} label={label} pendingLabel={pendingLabel}>
        {aside}
      </SubmitRow>
    </form>
  );
}

/** What the answer shows only once (a share link's URL, a webhook's secret), with a button that copies it. */
export function ShownOnce({ value, copyLabel, testId }: { value: string | undefined; copyLabel: string; testId: string }) {
  if (!value) return null;
  return (
    <p className="note" data-testid={testId}>
      <code>{value}</code> <CopyButton text={value} label={copyLabel} />
    </p>
  );
}
