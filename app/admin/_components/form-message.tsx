import type { ReactNode } from 'react';
import type { ActionState } from '@/lib/ui/forms/action-state';

/** The form's overall answer: an error alert, or a short success line. */
export function FormMessage<T>({ state, testId, children }: { state: ActionState<T>; testId: string; children?: ReactNode }) {
  if (!state.message) return null;
  if (state.status === 'error') {
    return (
      <div className="alert alert--error" role="alert" data-testid={`${testId}-error`}>
        <div className="alert__body">
          <span className="alert__title">{state.message}</span>
        </div>
      </div>
    );
  }
  return (
    <p className="form-message form-message--ok" role="status" data-testid={`${testId}-ok`}>
      {state.message} {children}
    </p>
  );
}
