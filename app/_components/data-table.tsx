import type { ReactNode } from 'react';

/** A column header; `null` is the unlabelled actions column. */
export type Column = string | null;

/** The console's tables: a scrolling wrapper, the header row, and one full-width row when there is nothing to list. */
export function DataTable({ testId, columns, empty, children }: { testId: string; columns: Column[]; empty?: ReactNode; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>{columns.map((c, i) => (c === null ? <th key={i} aria-label="Actions" /> : <th key={i}>{c}</th>))}</tr>
        </thead>
        <tbody>
          {empty ? (
            <tr>
              <td colSpan={columns.length} className="empty-row">
                {empty}
              </td>
            </tr>
          ) : null}
          {children}
        </tbody>
      </table>
    </div>
  );
}
