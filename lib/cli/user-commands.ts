import { deleteUser } from '@/lib/auth/delete-user';
import { refusal } from '@/lib/gateway/errors';
import { subcommandFor } from './args';
import { userByEmail } from './find-user';

const remove = subcommandFor('email', userByEmail, { usage: 'user delete --email <email>   delete the user: sessions end, every token of theirs is revoked' }, async ({ user }) => {
  if (!(await deleteUser(user.id))) return refusal('not_found', `No user with email ${user.email}.`);
  console.log(`Deleted ${user.email} (${user.id}).`);
});

export const userCommands = { delete: remove };
