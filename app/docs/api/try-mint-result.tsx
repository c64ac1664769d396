import { hintFor } from '@/lib/gateway/errors';
import { numericDate, type DecodedJwt } from '@/lib/ui/docs/try-mint';
import { StatusBadge } from './reference-parts';

/** What the try-it got back from the gateway. */
export type TryResponse = {
  status: number;
  statusText: string;
  ms: number;
  headers: Array<[string, string]>;
  body: string;
  json: Record<string, unknown> | null;
  token: DecodedJwt | null;
};

/** The answer: status and code (with what it means), headers, body, and a returned token decoded. */
export function ResponseView({ outcome }: { outcome: TryResponse }) {
  const code = typeof outcome.json?.code === 'string' ? outcome.json.code : null;
  const hint = code ? hintFor(code) : undefined;
  return (
    <div className="docs-result">
      <div className="docs-result__status" data-testid="try-status" data-status={outcome.status}>
        <StatusBadge status={outcome.status}>
          {outcome.status} {outcome.statusText}
        </StatusBadge>
        {code ? (
          <a href={`#${code}`} className="docs-code-chip" data-testid="try-code">
            {code}
          </a>
        ) : null}
        <span className="muted">{outcome.ms} ms</span>
      </div>
      {hint ? <p className="docs-result__hint">{hint}</p> : null}

      {outcome.token ? <TokenView token={outcome.token} /> : null}

      <div className="docs-codebox">
        <div className="docs-codebox__head">Body</div>
        {/* Focusable: a long token scrolls sideways, and keyboard users must be able to scroll it too. */}
        <pre data-testid="try-body" tabIndex={0} aria-label="Response body">
          {outcome.body || '(empty)'}
        </pre>
      </div>

      <details className="docs-result__headers">
        <summary>Response headers ({outcome.headers.length})</summary>
        <table className="docs-table docs-table--compact" data-testid="try-headers">
          <tbody>
            {outcome.headers.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>
                  <code>{value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

function TokenView({ token }: { token: DecodedJwt }) {
  const { claims } = token;
  const exp = numericDate(claims.exp);
  return (
    <div className="docs-token" data-testid="try-token">
      <p className="docs-token__who">
        A token for <strong data-testid="try-token-name">{String(claims.name ?? claims.sub ?? 'unknown')}</strong>
        {typeof claims.email === 'string' ? <span className="muted"> · {claims.email}</span> : null}
        {typeof claims.aud === 'string' ? (
          <>
            {' '}
            for <code>{claims.aud}</code>
          </>
        ) : null}
        {exp ? <span className="muted"> · expires {exp}</span> : null}
      </p>
      <div className="docs-token__parts">
        <div className="docs-codebox">
          <div className="docs-codebox__head">Header</div>
          <pre data-testid="try-token-header">{JSON.stringify(token.header, null, 2)}</pre>
        </div>
        <div className="docs-codebox">
          <div className="docs-codebox__head">Claims</div>
          <pre data-testid="try-token-claims">{JSON.stringify(claims, null, 2)}</pre>
        </div>
      </div>
      <p className="muted docs-token__note">
        Decoded for display only. An artifact’s backend verifies the signature against <code>/.well-known/jwks.json</code>,
        pinning <code>ES256</code>, <code>typ</code>, <code>iss</code> and <code>aud</code>.
      </p>
    </div>
  );
}

