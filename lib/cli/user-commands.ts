import { deleteUser } from '@/lib/auth/delete-user';
import { findUserByEmail } from '@/lib/auth/user-queries';
import { parseArgs } from './args';

export class UserCommandError extends Error {
  override name = 'UserCommandError';
}

/** `user delete --email <e>`: the user can no longer sign in or mint, and the feed revokes their tokens. */
export async function runUserCommand(argv: string[]): Promise<void> {
  const { flags, positional } = parseArgs(argv);
  if (positional[0] !== 'delete') throw new UserCommandError('Usage: user delete --email <e>');
  const email = flags.get('email');
  if (!email) throw new UserCommandError('Pass --email <email>.');
  const user = await findUserByEmail(email);
  if (!user || !(await deleteUser(user.id))) throw new UserCommandError(`No user with email ${email}.`);
  console.log(`Deleted ${user.email} (${user.id}).`);
}
