import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { guestSessions, orgs, runs, shareLinks, users, workflows } from '@/db/schema';
import { isWellFormedAppId } from '../mint/app-id';
import { guestTokenName } from './guest-name';
import { hashSecret, isWellFormedSecret } from './secrets';

/** What a guest's viewer page shows, from the guest cookie for that app. */
export type GuestView = {
  sessionId: string;
  appId: string;
  title: string;
  orgName: string;
  workflowName: string;
  artifactUrl: string | null;
  via: 'share_link' | 'public';
  /** As the artifact will be told: "<name> (guest)" or "Guest". */
  guestName: string;
  signedIn: boolean;
  expiresAt: Date;
};

/**
 * The guest session this cookie names, if it is on and still opens this app: its link unrevoked
 * and unexpired (or, for a public app's guest, the app still public), the org's switch allowing
 * it, the app live, a signed-in guest not deleted. The mint checks all of it again, in its statement.
 */
export async function findGuestView(appId: string, cookieSecret: string | null): Promise<GuestView | null> {
  if (!isWellFormedAppId(appId) || cookieSecret === null || !isWellFormedSecret(cookieSecret)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      sessionId: guestSessions.id,
      appId: runs.id,
      title: runs.title,
      orgName: orgs.name,
      workflowName: workflows.name,
      artifactUrl: runs.artifactUrl,
      via: guestSessions.via,
      userId: guestSessions.userId,
      userName: users.name,
      displayName: guestSessions.displayName,
      expiresAt: guestSessions.expiresAt,
    })
    .from(guestSessions)
    .innerJoin(runs, and(eq(runs.id, guestSessions.appId), isNull(runs.deletedAt)))
    .innerJoin(orgs, eq(orgs.id, runs.orgId))
    .innerJoin(workflows, eq(workflows.id, runs.workflowId))
    .leftJoin(shareLinks, eq(shareLinks.id, guestSessions.shareId))
    .leftJoin(users, eq(users.id, guestSessions.userId))
    .where(
      and(
        eq(guestSessions.secretHash, hashSecret(cookieSecret)),
        eq(guestSessions.appId, appId),
        isNull(guestSessions.endedAt),
        gt(guestSessions.expiresAt, sql`now()`),
        or(isNull(guestSessions.userId), isNull(users.deletedAt)),
        or(
          and(eq(guestSessions.via, 'share_link'), isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, sql`now()`), sql`${orgs.externalSharing} <> 'off'`),
          and(eq(guestSessions.via, 'public'), eq(runs.access, 'public'), eq(orgs.externalSharing, 'links_and_public')),
        ),
      ),
    );
  if (!row) return null;
  const { userId, userName, displayName, ...rest } = row;
  return { ...rest, guestName: guestTokenName(userId ? userName : displayName), signedIn: userId !== null };
}
