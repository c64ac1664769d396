import { findUserByEmail } from '@/lib/auth/user-queries';
import { CommandError } from './args';

/** The user with this email, or a CommandError saying there is none. */
export async function userByEmail(email: string) {
  const user = await findUserByEmail(email);
  if (!user) throw new CommandError(`No user with email ${email}.`);
  return user;
}
