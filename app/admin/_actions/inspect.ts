'use server';

import { z } from 'zod';
import { refusalMessage, requireOrgAdmin } from '@/lib/auth/require-role';
import { errorState, fieldErrorsOf, okState } from '@/lib/ui/forms/action-state';
import { MAX_INSPECTED_TOKEN_LENGTH, type TokenInspection } from '@/lib/gateway/inspect/inspect-token';
import { inspectWithPublishedKeys } from '@/lib/gateway/inspect/inspect-with-published-keys';
import { fields, orgAdminAction } from './role-guard';

// The token is verified here, on the gateway, with the keys it holds in memory. It is never logged.

const Input = z.object({
  token: z
    .string()
    .trim()
    .min(1, 'Paste a token to inspect.')
    .max(MAX_INSPECTED_TOKEN_LENGTH, `That is longer than any app session token (${MAX_INSPECTED_TOKEN_LENGTH} characters at most).`),
  app: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{0,128}$/, 'An app id has only letters, digits, _ and - (like run_acme_dashboard).'),
});

const KEYS_UNAVAILABLE = 'The gateway’s keys could not be loaded just now. Try again in a moment.';

/** The token inspector's form: every check, with its reason. */
export const inspectTokenForm = orgAdminAction<TokenInspection>(fields(['token', 'app'], MAX_INSPECTED_TOKEN_LENGTH + 1024), async (admin, previous, form, values) => {
  const parsed = Input.safeParse(values);
  if (!parsed.success) return errorState(previous, 'Check the highlighted fields.', fieldErrorsOf(parsed.error), values);
  try {
    const inspection = await inspectWithPublishedKeys(parsed.data.token, parsed.data.app || null);
    return okState(previous, inspection.valid ? 'The token verifies.' : 'The token does not verify.', inspection, values);
  } catch {
    return errorState(previous, KEYS_UNAVAILABLE, {}, values);
  }
});

export type VerifyResult = { ok: true; inspection: TokenInspection } | { ok: false; message: string };

/** The test mint's verification of the token it just received, for the app it asked for. */
export async function verifyMintedToken(token: unknown, appId: unknown): Promise<VerifyResult> {
  const admin = await requireOrgAdmin();
  if (!admin.ok) return { ok: false, message: refusalMessage(admin) };
  const parsed = Input.safeParse({ token, app: appId });
  if (!parsed.success || !parsed.data.app) return { ok: false, message: 'Nothing to verify.' };
  try {
    return { ok: true, inspection: await inspectWithPublishedKeys(parsed.data.token, parsed.data.app) };
  } catch {
    return { ok: false, message: KEYS_UNAVAILABLE };
  }
}
