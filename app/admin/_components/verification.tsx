import type { TokenInspection } from '@/lib/gateway/inspect/inspect-token';
import { CopyButton } from '@/app/_components/copy-button';

const MARK = { pass: '✓', fail: '✕', skip: '–' } as const;
const WORD = { pass: 'passed', fail: 'failed', skip: 'not checked' } as const;

/** The verdict, each check with its reason, and the decoded header and claims of a token. */
export function Verification({ inspection }: { inspection: TokenInspection }) {
  const failed = inspection.checks.filter((c) => c.status === 'fail').length;
  return (
    <div className="admin-stack" data-testid="verification" data-valid={inspection.valid}>
      <div className={`verdict ${inspection.valid ? 'verdict--valid' : 'verdict--invalid'}`} data-testid="verdict">
        <span>{inspection.valid ? 'Valid app session token' : 'Does not verify'}</span>
        <span className="verdict__detail">
          {inspection.problem ??
            (inspection.valid
              ? 'Checked against the keys this gateway publishes at /.well-known/jwks.json.'
              : `${failed} of ${inspection.checks.length} checks failed.`)}
        </span>
      </div>
      <ul className="check-list" aria-label="Checks">
        {inspection.checks.map((c) => (
          <li key={c.name} className={`check check--${c.status}`} data-testid={`check-${c.name}`} data-status={c.status}>
            <span className="check__mark" aria-hidden="true">
              {MARK[c.status]}
            </span>
            <span className="check__label">
              {c.label} <span className="visually-hidden">{WORD[c.status]}</span>
            </span>
            <span className="check__reason">{c.reason}</span>
          </li>
        ))}
      </ul>
      {inspection.header && inspection.claims ? (
        <div className="two-col">
          <JsonBlock title="Header" value={inspection.header} testId="token-header" />
          <JsonBlock title="Claims" value={inspection.claims} testId="token-claims" />
        </div>
      ) : null}
      {inspection.header && !inspection.valid ? (
        <p className="field-hint">The header and claims above are only decoded: nothing in them can be trusted while a check fails.</p>
      ) : null}
    </div>
  );
}

function JsonBlock({ title, value, testId }: { title: string; value: unknown; testId: string }) {
  const text = JSON.stringify(value, null, 2);
  return (
    <div>
      <div className="code-head">
        <span>{title}</span>
        <CopyButton text={text} />
      </div>
      <pre className="code-block" data-testid={testId}>
        {text}
      </pre>
    </div>
  );
}
