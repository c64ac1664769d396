import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { invitations, memberships, orgs, users, type Invitation } from '@/db/schema';
import { refusal, type Result } from '../errors';

export type InvitationState = 'pending' | 'accepted' | 'declined' | 'expired' | 'revoked';
const invitationState = (i: Invitation, now = new Date()): InvitationState =>
  i.revokedAt ? 'revoked' : i.acceptedAt ? 'accepted' : i.declinedAt ? 'declined' : i.expiresAt <= now ? 'expired' : 'pending';

/** Invitations still open: neither accepted, declined nor revoked, and not expired. */
export const isOpenInvitation = (now: Date) =>
  and(isNull(invitations.acceptedAt), isNull(invitations.declinedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

const Email = z.email().max(320);

/**
 * Invites an email into an org with a role. Someone who already has an account accepts or declines
 * it on their home page; someone without one joins at the first verified sign-in that creates it.
 * Whether the email has an account changes nothing here, so the answer cannot tell an admin.
 * Refused for a member, and while the email (in any letter case) has a pending invitation to the
 * org: revoke that one to invite again. The org row is locked for the checks, so two admins
 * inviting the same email at the same moment get one invitation.
 */
export async function createInvitation(input: {
  orgId: string;
  email: string;
  role: 'admin' | 'member';
  invitedBy: string | null;
  expiresInDays?: number;
}): Promise<Result<Invitation>> {
  const email = Email.safeParse(input.email.trim());
  if (!email.success) return refusal('invalid_request', 'Enter a valid email address.');
  const days = input.expiresInDays ?? 7;
  if (!(days >= 1 && days <= 90)) return refusal('invalid_request', 'Invitations last 1 to 90 days.');
  const db = await getDb();
  return db.transaction(async (tx): Promise<Result<Invitation>> => {
    const [org] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, input.orgId)).for('update');
    if (!org) return refusal('not_found', `No org with id ${input.orgId}.`);
    const sameEmail = (column: typeof users.email | typeof invitations.email) => sql`lower(${column}) = lower(${email.data})`;
    const [member] = await tx
      .select({ id: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, input.orgId), sameEmail(users.email)));
    if (member) return refusal('conflict', 'That person is already a member.');
    const [pending] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.orgId, input.orgId), sameEmail(invitations.email), isOpenInvitation(new Date())));
    if (pending) return refusal('conflict', 'That email already has a pending invitation: revoke it first to invite again.');
    const [row] = await tx
      .insert(invitations)
      .values({
        id: `inv_${randomBytes(9).toString('base64url')}`,
        orgId: input.orgId,
        email: email.data,
        role: input.role,
        invitedBy: input.invitedBy,
        expiresAt: new Date(Date.now() + days * 86_400_000),
      })
      .returning();
    if (!row) throw new Error('invitation insert returned no row');
    return { ok: true, ...row };
  });
}

export type ListedInvitation = Invitation & { state: InvitationState; inviterName: string | null; inviterEmail: string | null };

/** The org's invitations, newest first, with their state and who sent them (null: the CLI, or a deleted user). */
export async function listInvitations(orgId: string): Promise<ListedInvitation[]> {
  const db = await getDb();
  const rows = await db
    .select({ invitation: invitations, inviterName: users.name, inviterEmail: users.email })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.orgId, orgId))
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
  const now = new Date();
  return rows.map(({ invitation, inviterName, inviterEmail }) => ({ ...invitation, state: invitationState(invitation, now), inviterName, inviterEmail }));
}

/** Revokes a pending invitation of this org; false when there is none. */
export async function revokeInvitation(id: string, orgId: string): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, id), eq(invitations.orgId, orgId), isNull(invitations.revokedAt), isNull(invitations.acceptedAt), isNull(invitations.declinedAt)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/**
 * For a user created just now by a sign-in with a verified email: accept the open invitations for
 * that email (they signed up to answer one), and join the orgs whose domain rule matches (only for a
 * new user, so a member an admin removed does not come back by signing in again). Users who already
 * had an account answer invitations themselves, on their home page. Returns the org ids joined.
 */
export async function joinInvitedOrgs(userId: string, email: string): Promise<string[]> {
  const db = await getDb();
  const now = new Date();
  const pending = await db
    .select()
    .from(invitations)
    .where(and(sql`lower(${invitations.email}) = lower(${email})`, isOpenInvitation(now)));
  const domain = email.split('@').pop()!.toLowerCase();
  const byDomain = await db.select({ id: orgs.id }).from(orgs).where(sql`lower(${orgs.autoJoinDomain}) = ${domain}`);
  const joined: string[] = [];
  await db.transaction(async (tx) => {
    for (const inv of pending) {
      const added = await tx.insert(memberships).values({ userId, orgId: inv.orgId, role: inv.role }).onConflictDoNothing().returning({ orgId: memberships.orgId });
      await tx.update(invitations).set({ acceptedAt: now, acceptedBy: userId }).where(eq(invitations.id, inv.id));
      if (added.length) joined.push(inv.orgId);
    }
    for (const { id } of byDomain) {
      const added = await tx.insert(memberships).values({ userId, orgId: id, role: 'member' }).onConflictDoNothing().returning({ orgId: memberships.orgId });
      if (added.length) joined.push(id);
    }
  });
  return joined;
}
