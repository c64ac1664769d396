import type { Scope } from '@/lib/auth/scopes';

/** What each scope lets a token do, in the words of SPEC §14. */
const SCOPE_WORDS: Record<Scope, string> = {
  mint: 'Mint viewer tokens for its person (POST /v1/app-gateway/{appId}/session).',
  'apps:read': 'List and read the org’s apps.',
  'apps:write': 'Register, change and delete apps, and create workflows.',
  'shares:write': 'Create and revoke share links, and make apps public.',
  'access-requests:write': 'Approve and deny requests for access, and remove grants.',
  'audit:read': 'Read the org’s audit events.',
  'groups:write': 'Create groups and change who is in them.',
  scim: 'Provision users and groups from a directory (SCIM).',
};

/**
 * A fieldset of scope checkboxes named `scope`: plain form controls, so the form works without
 * JavaScript and with the keyboard alone. `errorId` ties the fieldset to its error message.
 */
export function ScopeChoices({
  legend,
  scopes,
  checked,
  hint,
  error,
  idPrefix,
}: {
  legend: string;
  scopes: readonly Scope[];
  checked: ReadonlySet<string>;
  hint?: string;
  error?: string;
  idPrefix: string;
}) {
  const errorId = `${idPrefix}-error`;
  const hintId = `${idPrefix}-hint`;
  return (
    <fieldset className="choice-group" aria-describedby={error ? errorId : hint ? hintId : undefined} data-testid={idPrefix}>
      <legend>{legend}</legend>
      {hint ? (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <ul className="choice-list">
        {scopes.map((scope) => (
          <li key={scope}>
            <label className="choice">
              <input type="checkbox" name="scope" value={scope} defaultChecked={checked.has(scope)} data-testid={`${idPrefix}-${scope}`} />
              <span>
                <span className="choice__label mono">{scope}</span> <span className="field-hint">{SCOPE_WORDS[scope]}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <span className="field-error" id={errorId} data-testid={errorId} role="alert">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
