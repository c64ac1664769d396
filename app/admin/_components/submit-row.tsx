import type { ReactNode } from 'react';

/** A form's submit button, disabled and relabelled while the action runs; `children` sit beside it. */
export function SubmitRow({ pending, label, pendingLabel, children }: { pending: boolean; label: string; pendingLabel: string; children?: ReactNode }) {
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn--primary" disabled={pending}>
        {pending ? pendingLabel : label}
      </button>
      {children}
    </div>
  );
}
