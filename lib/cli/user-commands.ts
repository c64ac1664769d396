import { deleteUser } from '@/lib/auth/delete-user';
import { CommandError, required, type Subcommand } from './args';
import { userByEmail } from './find-user';

const remove: Subcommand = {
  usage: 'user delete --email <email>   delete the user: sessions end, every token of theirs is revoked',
  options: { email: { type: 'string' } },
  async run(values) {
    const user = await userByEmail(required(values, 'email', remove.usage));
    if (!(await deleteUser(user.id))) throw new CommandError(`No user with email ${user.email}.`);
    console.log(`Deleted ${user.email} (${user.id}).`);
  },
};

export const userCommands = { delete: remove };
