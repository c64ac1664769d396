import { MANAGEMENT_SCOPES, parseScopes, type ManagementScope } from '@/lib/auth/scopes';

export const MAX_TOKEN_DAYS = 365;
export const DEFAULT_TOKEN_DAYS = 90;
/** Live tokens an account may hold at once: the one in use, and its replacement during a rotation. */
export const LIVE_TOKENS_PER_ACCOUNT = 2;

export type ServiceAccountField = 'name' | 'scopes' | 'expiresInDays';
export type ServiceAccountInput = { name: string; scopes: ManagementScope[]; expiresInDays: number };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A token's life in days, 1–365; empty or missing means the default (90). */
export function tokenDaysProblem(days: number | undefined): string | null {
  if (days === undefined) return null;
  return Number.isInteger(days) && days >= 1 && days <= MAX_TOKEN_DAYS ? null : `Enter a whole number of days from 1 to ${MAX_TOKEN_DAYS}.`;
}

/** Checks what the console's form or the CLI was given; every problem is named at once, by field. */
export function checkServiceAccountInput(raw: { name: string; scopes: readonly string[]; expiresInDays?: number }):
  | { ok: true; input: ServiceAccountInput }
  | { ok: false; errors: Partial<Record<ServiceAccountField, string>> } {
  const errors: Partial<Record<ServiceAccountField, string>> = {};
  const name = raw.name.trim();
  if (name === '') errors.name = 'Give the service account a name, like “AI platform pipeline”.';
  else if (name.length > 100) errors.name = 'Keep the name under 100 characters.';
  else if (CONTROL.test(name)) errors.name = 'The name must not contain control characters.';
  const scopes = parseScopes(raw.scopes, MANAGEMENT_SCOPES);
  if (!scopes.ok) errors.scopes = `Not a scope of a service account: ${scopes.unknown.join(', ')} (choose from ${MANAGEMENT_SCOPES.join(', ')}).`;
  else if (scopes.scopes.length === 0) errors.scopes = `Choose at least one scope (${MANAGEMENT_SCOPES.join(', ')}).`;
  const days = tokenDaysProblem(raw.expiresInDays);
  if (days) errors.expiresInDays = days;
  if (Object.keys(errors).length || !scopes.ok) return { ok: false, errors };
  return { ok: true, input: { name, scopes: scopes.scopes, expiresInDays: raw.expiresInDays ?? DEFAULT_TOKEN_DAYS } };
}
