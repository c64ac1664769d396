import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Account, Profile, User as AuthUser } from 'next-auth';
import { getDb } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { fetchGitHubEmails, verifiedExternalEmail } from './github-email';
import { joinInvitedOrgs } from '../gateway/orgs/invitations';
import { linkIdentity } from '../gateway/scim/scim-accounts';
import { findUserByEmail } from './user-queries';

/**
 * The gateway user behind an external identity (OIDC, GitHub): the linked one, else the user with
 * the same verified email, else a new user. Unverified emails are never linked or created, nor
 * joined to an org by its domain rule; for GitHub only the primary email GitHub marks verified counts.
 */
export async function linkExternalUser(account: Account, profile: Profile | undefined, user: AuthUser): Promise<string | null> {
  const db = await getDb();
  const [link] = await db
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(and(eq(accounts.provider, account.provider), eq(accounts.providerAccountId, account.providerAccountId)));
  if (link) return link.userId;

  const githubEmails = account.provider === 'github' && account.access_token ? await fetchGitHubEmails(account.access_token) : null;
  const email = verifiedExternalEmail(account.provider, profile, githubEmails);
  if (!email) return null;

  const existing = (await findUserByEmail(email))?.id;
  // SPEC §18: an account an org's SCIM client created binds to the first OIDC sign-in at its email
  // (the issuer's subject, kept in accounts) and to no other identity, before or after.
  if (existing) return (await linkIdentity(existing, account.provider, account.providerAccountId)) ? existing : null;

  const userId = `usr_${randomBytes(12).toString('base64url')}`;
  await db.insert(users).values({
    id: userId,
    email,
    name: (profile?.name ?? user.name ?? email.split('@')[0])!.slice(0, 200),
    emailVerifiedAt: new Date(),
  });
  await joinInvitedOrgs(userId, email);
  await db.insert(accounts).values({ provider: account.provider, providerAccountId: account.providerAccountId, userId }).onConflictDoNothing();
  return userId;
}
