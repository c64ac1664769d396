'use client';

import { useActionState, type ReactNode } from 'react';
import { idleState, type ActionState } from '@/lib/ui/forms/action-state';
import { useInlinePanel } from './inline-panel';

type Props = {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  /** Hidden fields sent with the confirmation. */
  fields: Record<string, string>;
  trigger: string;
  title: string;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  testId: string;
  /** What will happen, in plain words. */
  children: ReactNode;
};

/** A button that first asks: the action runs only from the confirmation panel. */
export function ConfirmForm({ action, fields, trigger, title, confirmLabel, tone = 'danger', testId, children }: Props) {
  const [state, formAction, pending] = useActionState(action, idleState());
  // Focus goes to Cancel when the panel opens.
  const { open, answered, show, hide, triggerRef, focusRef: cancelRef } = useInlinePanel<HTMLButtonElement, undefined>(state);
  return (
    <div className="inline-action" data-testid={testId}>
      {open ? null : (
        <button
          ref={triggerRef}
          type="button"
          className={`btn btn--small ${tone === 'danger' ? 'btn--danger-outline' : 'btn--secondary'}`}
          onClick={show}
        >
          {trigger}
        </button>
      )}
      {open ? (
        <form action={formAction} className="confirm" role="alertdialog" aria-label={title}>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <span className="confirm__title">{title}</span>
          <div>{children}</div>
          {state.status === 'error' && answered ? (
            <span className="field-error" role="alert" data-testid={`${testId}-error`}>
              {state.message}
            </span>
          ) : null}
          <div className="confirm__actions">
            <button ref={cancelRef} type="button" className="btn btn--ghost btn--small" onClick={hide} disabled={pending}>
              Cancel
            </button>
            <button type="submit" className={`btn btn--small ${tone === 'danger' ? 'btn--danger' : 'btn--primary'}`} disabled={pending}>
              {pending ? 'Working…' : confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
      {!open && state.status === 'ok' && state.message ? (
        <span className="inline-action__ok" role="status">
          {state.message}
        </span>
      ) : null}
    </div>
  );
}

/**
 * Confirming the end of one named thing: "Revoke tok_ab12…?", confirmed by "Revoke token" (by the
 * verb alone without `thing`); the trigger says the verb unless told otherwise.
 */
export function ConfirmRemoval({ verb, name, thing, trigger = verb, ...rest }: Omit<Props, 'trigger' | 'title' | 'confirmLabel' | 'tone'> & { verb: string; name: string; thing?: string; trigger?: string }) {
  return <ConfirmForm {...rest} trigger={trigger} title={`${verb} ${name}?`} confirmLabel={thing ? `${verb} ${thing}` : verb} />;
}
