import type { ReactNode } from 'react';

/** A console page: first what it is for (`lead`, in bold) and how it works (`note`), then its parts. */
export function ConsolePage({ lead, note, noteTestId, children }: { lead: ReactNode; note: ReactNode; noteTestId?: string; children: ReactNode }) {
  return (
    <div className="admin-stack">
      <p className="note" data-testid={noteTestId}>
        <strong>{lead}</strong>
        <span>{note}</span>
      </p>
      {children}
    </div>
  );
}
