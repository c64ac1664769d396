import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import { invitations, memberships, orgs, users } from '@/db/schema';
import { isOpenInvitation } from './invitations';

// The invitee's side: the open invitations for the signed-in user's (verified) email, and their answer.

export type OpenInvitation = { id: string; orgId: string; orgName: string; role: 'admin' | 'member'; inviterName: string | null; expiresAt: Date };

const inviter = alias(users, 'inviter');
const forUser = (userId: string) =>
  and(eq(users.id, userId), sql`lower(${invitations.email}) = lower(${users.email})`, isNotNull(users.emailVerifiedAt));

/** The open invitations addressed to this user's verified email, oldest first; none for an org they are already in. */
export async function listOpenInvitationsFor(userId: string): Promise<OpenInvitation[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: invitations.id, orgId: orgs.id, orgName: orgs.name, role: invitations.role, inviterName: inviter.name, expiresAt: invitations.expiresAt, member: memberships.userId })
    .from(invitations)
    .innerJoin(users, forUser(userId))
    .innerJoin(orgs, eq(orgs.id, invitations.orgId))
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .leftJoin(memberships, and(eq(memberships.orgId, invitations.orgId), eq(memberships.userId, userId)))
    .where(isOpenInvitation(new Date()))
    .orderBy(asc(invitations.createdAt), asc(invitations.id));
  return rows.filter((r) => r.member === null).map(({ member: _member, ...r }) => r);
}

export type InvitationAnswer = 'accept' | 'decline';

/**
 * Accepts (joins the org with the invited role) or declines an open invitation addressed to this
 * user's verified email. Null when there is no such open invitation (answered, revoked, expired, or
 * someone else's); else the org's name.
 */
export async function answerInvitation(id: string, userId: string, answer: InvitationAnswer): Promise<string | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .select({ id: invitations.id, orgId: invitations.orgId, role: invitations.role, orgName: orgs.name })
      .from(invitations)
      .innerJoin(users, forUser(userId))
      .innerJoin(orgs, eq(orgs.id, invitations.orgId))
      .where(and(eq(invitations.id, id), isOpenInvitation(new Date())))
      .for('update', { of: invitations });
    if (!inv) return null;
    const now = new Date();
    if (answer === 'decline') {
      await tx.update(invitations).set({ declinedAt: now }).where(eq(invitations.id, inv.id));
      return inv.orgName;
    }
    await tx.insert(memberships).values({ userId, orgId: inv.orgId, role: inv.role }).onConflictDoNothing();
    await tx.update(invitations).set({ acceptedAt: now, acceptedBy: userId }).where(eq(invitations.id, inv.id));
    return inv.orgName;
  });
}
