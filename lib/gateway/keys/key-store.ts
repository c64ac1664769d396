import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { signingKeys, type SigningKey } from '@/db/schema';

export async function listSigningKeys(db: Database): Promise<SigningKey[]> {
  return db.select().from(signingKeys);
}

export async function insertSigningKey(db: Database, key: typeof signingKeys.$inferInsert): Promise<void> {
  await db.insert(signingKeys).values(key);
}

export async function setKeyActivation(db: Database, kid: string, activatesAt: Date): Promise<void> {
  await db.update(signingKeys).set({ activatesAt }).where(eq(signingKeys.kid, kid));
}

export async function setKeyRevoked(db: Database, kid: string, revokedAt: Date): Promise<boolean> {
  const rows = await db.update(signingKeys).set({ revokedAt }).where(eq(signingKeys.kid, kid)).returning({ kid: signingKeys.kid });
  return rows.length > 0;
}
