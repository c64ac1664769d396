// Run by playwright.config.ts before `npm start`, on the run's fresh embedded database: migrates it
// and adds SPEC_USERS. Orgs stay empty, so the gateway's first start still seeds the demo world.
import { closeDb, getDb } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_PASSWORD } from './env';
import { SPEC_USERS } from './spec-users';

await migrateDatabase();
const db = await getDb();
const passwordHash = await hashPassword(DEMO_PASSWORD);
const emailVerifiedAt = new Date();
await db
  .insert(users)
  .values(Object.values(SPEC_USERS).map((u) => ({ ...u, passwordHash, emailVerifiedAt })))
  .onConflictDoNothing();
await closeDb();
