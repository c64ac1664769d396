/**
 * What a token may do (SPEC §14). `mint` lets an API token mint viewer tokens for its person; the
 * management scopes open the management API. A service account carries management scopes only;
 * an API token's management scopes work only while its person is an admin of the token's org.
 */
export const MANAGEMENT_SCOPES = ['apps:read', 'apps:write', 'shares:write', 'access-requests:write', 'audit:read', 'groups:write', 'scim'] as const;
export const API_TOKEN_SCOPES = ['mint', ...MANAGEMENT_SCOPES] as const;

export type ManagementScope = (typeof MANAGEMENT_SCOPES)[number];
export type Scope = (typeof API_TOKEN_SCOPES)[number];

/** What an API token gets when no scope is chosen, and what every token made before scopes kept. */
export const DEFAULT_API_TOKEN_SCOPES: readonly Scope[] = ['mint'];

export const isManagementScope = (s: string): s is ManagementScope => (MANAGEMENT_SCOPES as readonly string[]).includes(s);

/**
 * The scopes asked for, deduplicated in the table's order, or the words that are not scopes of
 * this kind of credential (`mint` is not one for a service account).
 */
export function parseScopes<S extends string>(asked: readonly string[], allowed: readonly S[]): { ok: true; scopes: S[] } | { ok: false; unknown: string[] } {
  const unknown = [...new Set(asked.filter((s) => !(allowed as readonly string[]).includes(s)))];
  if (unknown.length) return { ok: false, unknown };
  return { ok: true, scopes: allowed.filter((s) => asked.includes(s)) };
}
