import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orgs, runs, users, workflows } from '@/db/schema';
import { isWellFormedAppId } from '../mint/app-id';
import { currentGuestSession, startGuestSession, type GuestClient } from './guest-sessions';

/** A public app as anyone may see it: public, live, and its org's switch allowing public apps. */
const isOpenToPublic = (appId: string) => and(eq(runs.id, appId), isNull(runs.deletedAt), eq(runs.access, 'public'), eq(orgs.externalSharing, 'links_and_public'));

export type PublicApp = { id: string; title: string; orgName: string; workflowName: string; artifactUrl: string | null };

/** The app, if it is open to the public now; null alike for private, deleted, unknown, or an org whose switch forbids it. */
export async function findPublicApp(appId: string): Promise<PublicApp | null> {
  if (!isWellFormedAppId(appId)) return null;
  const db = await getDb();
  const [app] = await db
    .select({ id: runs.id, title: runs.title, orgName: orgs.name, workflowName: workflows.name, artifactUrl: runs.artifactUrl })
    .from(runs)
    .innerJoin(orgs, eq(orgs.id, runs.orgId))
    .innerJoin(workflows, eq(workflows.id, runs.workflowId))
    .where(isOpenToPublic(appId));
  return app ?? null;
}

/**
 * Starts a guest session for a public app (the viewer page's POST): anonymous, or as the signed-in
 * person who chose "Continue as <name>". A browser already holding this app's public guest session
 * for the same person keeps it. Null when the app is not open to the public.
 */
export async function openPublicApp(
  c: { appId: string; userId: string | null; currentGuestSecret: string | null } & GuestClient,
): Promise<{ guestSessionId: string; guestSecret: string | null; expiresAt: Date | null } | null> {
  if (!isWellFormedAppId(c.appId)) return null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The org row is shared-locked: a switch turned down meanwhile waits, then ends this session too.
    const [app] = await tx.select({ orgId: runs.orgId }).from(runs).innerJoin(orgs, eq(orgs.id, runs.orgId)).where(isOpenToPublic(c.appId)).for('share', { of: [runs, orgs] });
    if (!app) return null;
    if (c.userId !== null) {
      const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, c.userId), isNull(users.deletedAt)));
      if (!user) return null;
    }
    const current = await currentGuestSession(tx, c.appId, c.currentGuestSecret);
    if (current && current.via === 'public' && current.userId === c.userId) return { guestSessionId: current.id, guestSecret: null, expiresAt: null };
    const session = await startGuestSession(tx, {
      appId: c.appId,
      orgId: app.orgId,
      via: 'public',
      shareId: null,
      userId: c.userId,
      displayName: null,
      endsBy: null,
      replacing: current?.id ?? null,
      ip: c.ip,
      userAgent: c.userAgent,
    });
    return { guestSessionId: session.id, guestSecret: session.secret, expiresAt: session.expiresAt };
  });
}
