// The words of token exchange (SPEC §17): resource ids and scopes, checked the same way by the CLI,
// the console and the token endpoint.

/** A resource id: its access tokens' `aud`. Letters, digits and `._:/-`, up to 128 characters. */
const RESOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;

/** RFC 6749 §3.3 scope-token (printable ASCII but space, `"` and `\`), up to 64 characters here. */
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

/** At most this many scopes per resource, allowance or request. */
export const MAX_SCOPES = 32;

export const isResourceId = (id: string) => RESOURCE_ID.test(id);
const isScope = (scope: string) => SCOPE.test(scope);

export const RESOURCE_ID_RULE = 'a resource id is 1–128 letters, digits and . _ : / - (starting with a letter or digit)';
export const SCOPE_RULE = 'a scope is 1–64 printable ASCII characters without spaces, " or \\';

/** Scopes as given (each once, in the order first given), or the ones that are not scopes. */
export function parseScopes(raw: readonly string[]): { ok: true; scopes: string[] } | { ok: false; bad: string[] } {
  const bad = raw.filter((s) => !isScope(s));
  if (bad.length) return { ok: false, bad };
  return { ok: true, scopes: [...new Set(raw)] };
}

/** The `scope` parameter of a token request: space-separated scope-tokens (RFC 6749 §3.3). */
export function parseScopeParameter(value: string): string[] | null {
  const parts = value.split(' ');
  if (parts.some((p) => !isScope(p))) return null;
  const scopes = [...new Set(parts)];
  return scopes.length <= MAX_SCOPES ? scopes : null;
}
