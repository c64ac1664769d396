'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ApiTokenInput, TOKEN_FIELDS } from '@/lib/auth/api-tokens/api-token-input';
import { ApiTokenError, createApiToken, revokeApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { currentViewer } from '@/lib/auth/current-viewer';
import { API_TOKEN_SCOPES, isManagementScope, parseScopes } from '@/lib/auth/scopes';
import { errorState, fieldErrorsOf, formValues, okState, type ActionState } from '@/lib/ui/forms/action-state';
import { scopesOf } from '@/lib/ui/forms/form-scopes';

// A user's own API tokens. Each action finds the user from the session (by id) itself.

const SIGNED_OUT = 'Your session has ended. Sign in again.';
const DAY_MS = 24 * 60 * 60 * 1000;

export type NewToken = { token: string; prefix: string; orgName: string; expiresAt: string | null; scopes: string[] };

export async function createToken(previous: ActionState<NewToken>, form: FormData): Promise<ActionState<NewToken>> {
  const asked = scopesOf(form);
  const values = { ...formValues(form, TOKEN_FIELDS, 400), scopes: asked.join(' ') };
  const viewer = await currentViewer();
  if (!viewer?.id) return errorState(previous, SIGNED_OUT, {}, values);
  const parsed = ApiTokenInput.safeParse(values);
  if (!parsed.success) return errorState(previous, 'Check the highlighted fields; no token was created.', fieldErrorsOf(parsed.error), values);
  const org = viewer.memberships.find((m) => m.orgId === parsed.data.orgId);
  if (!org) return errorState(previous, 'No token was created.', { orgId: 'Choose one of your organizations.' }, values);
  const scopes = parseScopes(asked, API_TOKEN_SCOPES);
  if (!scopes.ok) return errorState(previous, 'No token was created.', { scopes: `Not a scope: ${scopes.unknown.join(', ')}.` }, values);
  if (scopes.scopes.length === 0) return errorState(previous, 'No token was created.', { scopes: 'Choose at least one scope (mint, to open apps as you).' }, values);
  const management = scopes.scopes.filter(isManagementScope);
  if (management.length > 0 && org.role !== 'admin') {
    const scopeError = `Only admins of ${org.orgName} can give a token management scopes (${management.join(', ')}).`;
    return errorState(previous, 'No token was created.', { scopes: scopeError }, values);
  }
  const expiresAt = parsed.data.expiresInDays === null ? null : new Date(Date.now() + parsed.data.expiresInDays * DAY_MS);
  try {
    const created = await createApiToken({ userId: viewer.id, orgId: org.orgId, name: parsed.data.name, expiresAt, scopes: scopes.scopes });
    revalidatePath('/settings/tokens');
    const data = { token: created.token, prefix: created.record.prefix, orgName: org.orgName, expiresAt: expiresAt?.toISOString() ?? null, scopes: created.record.scopes };
    return okState(previous, 'Token created.', data, { orgId: org.orgId });
  } catch (error) {
    // Membership, or the admin role, can end between the checks above and the insert.
    if (error instanceof ApiTokenError) return errorState(previous, `No token was created: ${error.message}`, {}, values);
    throw error;
  }
}

const TokenId = z.string().regex(/^tok_[A-Za-z0-9_-]{1,64}$/);

export async function revokeToken(previous: ActionState, form: FormData): Promise<ActionState> {
  const viewer = await currentViewer();
  if (!viewer?.id) return errorState(previous, SIGNED_OUT);
  const id = TokenId.safeParse(form.get('id'));
  // Only the user's own tokens: another user's id is answered like an unknown one.
  if (!id.success || !(await revokeApiToken(id.data, viewer.id))) return errorState(previous, 'That token is already revoked, or is not yours.');
  revalidatePath('/settings/tokens');
  return okState(previous, 'Revoked.');
}
