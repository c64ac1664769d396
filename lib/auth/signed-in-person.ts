import type { User } from '@/db/schema';
import { readSessionCookie } from './sessions/session-cookie';
import { activeSessionUser } from './sessions/session-store';

/** The person a route's request is signed in as (a session still on, the user not deleted), or null. */
export async function signedInPerson(req: Request): Promise<User | null> {
  const session = await readSessionCookie(req);
  return session ? activeSessionUser(session.userId, session.sessionId) : null;
}
