import { deleteUser } from '@/lib/auth/delete-user';
import { refusal } from '@/lib/gateway/errors';
import { required, type Subcommand } from './args';
import { userByEmail } from './find-user';

const remove: Subcommand = {
  usage: 'user delete --email <email>   delete the user: sessions end, every token of theirs is revoked',
  options: { email: { type: 'string' } },
  async run(values) {
    const found = await userByEmail(required(values, 'email', remove.usage));
    if (!found.ok) return found;
    const { user } = found;
    if (!(await deleteUser(user.id))) return refusal('not_found', `No user with email ${user.email}.`);
    console.log(`Deleted ${user.email} (${user.id}).`);
  },
};

export const userCommands = { delete: remove };
