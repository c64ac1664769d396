import { count, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { appAccessMembers, memberships, orgs, runs, users, workflows } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { env } from '@/lib/config/env';
import { artifactUrlFor, DEMO_PASSWORD, demoMemberships, demoOrgs, demoRuns, demoUsers, demoWorkflows } from './demo-world';

/** Writes the demo world; running it again restores the demo rows and keeps everything else. */
export async function seedDemoWorld(): Promise<void> {
  const db = await getDb();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.insert(orgs).values(demoOrgs).onConflictDoUpdate({ target: orgs.id, set: { name: sql`excluded.name` } });
    for (const u of demoUsers) {
      await tx
        .insert(users)
        .values({ ...u, passwordHash, emailVerifiedAt: new Date() })
        .onConflictDoUpdate({ target: users.id, set: { deletedAt: null, isPlatformAdmin: u.isPlatformAdmin } });
    }
    await tx.insert(memberships).values(demoMemberships).onConflictDoNothing();
    await tx.insert(workflows).values(demoWorkflows).onConflictDoUpdate({ target: workflows.id, set: { name: sql`excluded.name` } });
    for (const { ready, ...r } of demoRuns) {
      const artifactUrl = ready ? artifactUrlFor(env().ARTIFACT_HOST_URL, r.id) : null;
      await tx
        .insert(runs)
        .values({ ...r, artifactUrl })
        .onConflictDoUpdate({ target: runs.id, set: { ...r, artifactUrl, deletedAt: null } });
    }
    await tx.delete(appAccessMembers).where(inArray(appAccessMembers.appId, demoRuns.map((r) => r.id)));
  });
}

export async function isEmpty(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(orgs);
  return (row?.n ?? 0) === 0;
}
