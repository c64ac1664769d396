import { findUserByEmail } from '@/lib/auth/user-queries';
import { refusal, type Result } from '@/lib/gateway/errors';

/** The user with this email, or the refusal saying there is none. */
export async function userByEmail(email: string): Promise<Result<{ user: NonNullable<Awaited<ReturnType<typeof findUserByEmail>>> }>> {
  const user = await findUserByEmail(email);
  return user ? { ok: true, user } : refusal('not_found', `No user with email ${email}.`);
}
