import { cache } from 'react';
import { auth } from './auth';
import { activeSessionUser } from './sessions/session-store';
import { listMemberships, type OrgMembership } from './user-queries';

export type CurrentViewer = {
  id: string;
  name: string;
  email: string;
  isPlatformAdmin: boolean;
  /** The server-side session this request's cookie names. */
  sessionId: string;
  /** The org the viewer acts in, if still a member of it; else null. */
  activeOrgId: string | null;
  memberships: OrgMembership[];
};

/**
 * The signed-in person for pages and server actions, or null. A session only counts when it names
 * a user id that still exists and a server-side session still on, not ended (signed out, ended
 * elsewhere) nor expired (never `!!session`); memberships are read fresh. Memoized per request,
 * so the header and the page share one lookup.
 */
export const currentViewer = cache(async (): Promise<CurrentViewer | null> => {
  const session = await auth();
  const userId = typeof session?.userId === 'string' ? session.userId : '';
  const sessionId = typeof session?.sessionId === 'string' ? session.sessionId : '';
  if (!userId || !sessionId) return null;
  const user = await activeSessionUser(userId, sessionId);
  if (!user) return null;
  const memberships = await listMemberships(user.id);
  const active = memberships.some((m) => m.orgId === session?.activeOrgId) ? (session?.activeOrgId ?? null) : null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    isPlatformAdmin: user.isPlatformAdmin,
    sessionId,
    activeOrgId: active,
    memberships,
  };
});
