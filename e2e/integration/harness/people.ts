import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, users } from '@/db/schema';
import type { Gateway } from './gateway-fixture';

type Person = { id: string; email: string; name: string; orgs?: Record<string, 'admin' | 'member'>; lastActiveOrgId?: string };

/** A person of a test, who signs in with the demo password (alice's hash, copied: nothing hashed per person), a member of `orgs` with those roles. */
export async function addPerson(p: Person): Promise<void> {
  const db = await getDb();
  const [alice] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, 'usr_alice'));
  await db.insert(users).values({ id: p.id, email: p.email, name: p.name, passwordHash: alice!.passwordHash, ...(p.lastActiveOrgId ? { lastActiveOrgId: p.lastActiveOrgId } : {}) });
  for (const [orgId, role] of Object.entries(p.orgs ?? {})) await db.insert(memberships).values({ userId: p.id, orgId, role });
}

/** The demo world's four people signed in to `gw` with the demo password: each one's session cookie, by first name. */
export async function signInDemoPeople(gw: Gateway): Promise<Record<'alice' | 'bob' | 'carol' | 'dave', string>> {
  return {
    alice: await gw.client.signIn('alice@acme.test'),
    bob: await gw.client.signIn('bob@globex.test'),
    carol: await gw.client.signIn('carol@example.test'),
    dave: await gw.client.signIn('dave@example.test'),
  };
}
