import type { ErrorCodeView } from '@/lib/ui/docs/openapi-view';
import { StatusBadge } from './reference-parts';

/** The error table: one row per code, anchored by the code (problem types and response rows link here). */
export function ErrorCodesTable({ codes }: { codes: ErrorCodeView[] }) {
  return (
    <table className="docs-table" data-testid="error-codes">
      <thead>
        <tr>
          <th scope="col">code</th>
          <th scope="col">Status</th>
          <th scope="col">title</th>
          <th scope="col">What it means</th>
        </tr>
      </thead>
      <tbody>
        {codes.map((c) => (
          <tr key={c.code} id={c.code} className="docs-anchor-row">
            <td>
              <code className="docs-field__name">{c.code}</code>
            </td>
            <td>
              <StatusBadge status={c.status} />
            </td>
            <td>{c.title}</td>
            <td>{c.hint}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
