'use client';

import { useActionState, useEffect, useRef, useState, type ReactNode } from 'react';
import { idleState, type ActionState } from '@/lib/ui/forms/action-state';

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
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const open = openedAt !== null && !(state.status === 'ok' && state.seq > openedAt);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // Focus follows the panel: into it when it opens (and back after a refusal, as its buttons were
  // disabled while working), back to the trigger when it closes.
  useEffect(() => {
    if (open) cancelRef.current?.focus();
    else if (wasOpen.current) triggerRef.current?.focus();
    wasOpen.current = open;
  }, [open, state.seq]);
  return (
    <div className="inline-action" data-testid={testId}>
      {open ? null : (
        <button
          ref={triggerRef}
          type="button"
          className={`btn btn--small ${tone === 'danger' ? 'btn--danger-outline' : 'btn--secondary'}`}
          onClick={() => setOpenedAt(state.seq)}
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
          {state.status === 'error' && state.seq > openedAt! ? (
            <span className="field-error" role="alert" data-testid={`${testId}-error`}>
              {state.message}
            </span>
          ) : null}
          <div className="confirm__actions">
            <button ref={cancelRef} type="button" className="btn btn--ghost btn--small" onClick={() => setOpenedAt(null)} disabled={pending}>
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
