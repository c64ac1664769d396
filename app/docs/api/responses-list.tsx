import type { ResponseView } from '@/lib/ui/docs/openapi-view';
import { Md, SchemaBlock, StatusBadge, sharedBodyTitle } from './reference-parts';

/**
 * One row per status. The row's summary only toggles it (a summary holds no other control); the
 * error codes it names link to the error table from inside the opened row.
 */
export function ResponsesList({ responses }: { responses: ResponseView[] }) {
  return (
    <div className="docs-responses" data-testid="responses">
      {responses.map((r) => (
        <details key={r.status} className="docs-resp" data-testid="status-row" data-status={r.status}>
          <summary>
            <StatusBadge status={r.status} />
            <span className="docs-resp__codes">
              {r.codes.length > 0 ? (
                r.codes.map((code) => (
                  <code key={code} className="docs-code-chip" data-testid="status-code">
                    {code}
                  </code>
                ))
              ) : (
                <span className="muted">—</span>
              )}
            </span>
            <span className="docs-resp__desc">
              <Md text={r.description} />
            </span>
            <span className="docs-resp__chevron" aria-hidden="true" />
          </summary>
          <div className="docs-resp__body">
            {r.codes.length > 0 ? (
              <p className="docs-resp__links">
                {r.codes.length === 1 ? 'Error code' : 'Error codes'}{' '}
                {r.codes.map((code) => (
                  <a key={code} href={`#${code}`} className="docs-code-chip" data-testid="status-code-link">
                    {code}
                  </a>
                ))}{' '}
                in the error table
              </p>
            ) : null}
            {r.headers.length > 0 ? (
              <dl className="docs-headers">
                {r.headers.map((h) => (
                  <div key={h.name}>
                    <dt>{h.name}</dt>
                    <dd>
                      <Md text={h.value} />
                    </dd>
                  </div>
                ))}
              </dl>
            ) : null}
            {r.contentType ? (
              <p className="docs-resp__type">
                Body <code>{r.contentType}</code>
              </p>
            ) : null}
            {r.sharedBody ? (
              <p data-testid="shared-body-link">
                Its fields: <a href={`#${r.sharedBody}`}>{sharedBodyTitle(r.sharedBody)}</a>, under Response bodies.
              </p>
            ) : r.schema ? (
              <SchemaBlock schema={r.schema} />
            ) : (
              <p className="muted">No documented body.</p>
            )}
          </div>
        </details>
      ))}
    </div>
  );
}
