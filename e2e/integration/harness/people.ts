import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, users } from '@/db/schema';

type Person = { id: string; email: string; name: string; orgs?: Record<string, 'admin' | 'member'>; lastActiveOrgId?: string };

/** A person of a test, who signs in with the demo password (alice's hash, copied: nothing hashed per person), a member of `orgs` with those roles. */
export async function addPerson(p: Person): Promise<void> {
  const db = await getDb();
  const [alice] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, 'usr_alice'));
  await db.insert(users).values({ id: p.id, email: p.email, name: p.name, passwordHash: alice!.passwordHash, ...(p.lastActiveOrgId ? { lastActiveOrgId: p.lastActiveOrgId } : {}) });
  for (const [orgId, role] of Object.entries(p.orgs ?? {})) await db.insert(memberships).values({ userId: p.id, orgId, role });
}
