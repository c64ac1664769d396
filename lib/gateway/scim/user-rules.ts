import { eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { orgs } from '@/db/schema';
import { refusal, type Refusal } from '../errors';

const EMAIL = /^[^\s@]+@([^\s@]+)$/;

/**
 * SPEC §18: SCIM creates or claims people only at the email domain the platform admin verified for
 * the org (`invite domain`). Checked before anything is looked up, so the answer is the same whether
 * or not an account exists at that email.
 */
export async function outsideVerifiedDomain(tx: Transaction, orgId: string, userName: string): Promise<Refusal | null> {
  const [org] = await tx.select({ domain: orgs.autoJoinDomain }).from(orgs).where(eq(orgs.id, orgId));
  const domain = EMAIL.exec(userName)?.[1]?.toLowerCase();
  if (!domain || !org?.domain || domain !== org.domain.toLowerCase()) {
    return refusal('scim_invalid_value', 'userName must be an email at a domain the platform admin verified for this organization (invite domain).');
  }
  return null;
}

/** The account's name from what the client said: displayName, else given and family names, else the email's local part. */
export function accountNameOf(s: { displayName: string | null; givenName: string | null; familyName: string | null; userName: string }): string {
  const full = [s.givenName, s.familyName].filter(Boolean).join(' ');
  return (s.displayName ?? (full || s.userName.split('@')[0]!)).slice(0, 200);
}

/** A case-insensitive equality on an email column. */
export const sameEmail = (column: unknown, email: string) => sql`lower(${column}) = lower(${email})`;
