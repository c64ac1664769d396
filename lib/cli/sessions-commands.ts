import { endSessions } from '@/lib/auth/sessions/end-sessions';
import { listActiveSessions } from '@/lib/auth/sessions/session-store';
import { required, type Subcommand } from './args';
import { userByEmail } from './find-user';

const list: Subcommand = {
  usage: 'sessions list --email <email>   the user\'s sessions still on, one a line, id first',
  options: { email: { type: 'string' } },
  async run(values) {
    const found = await userByEmail(required(values, 'email', list.usage));
    if (!found.ok) return found;
    for (const s of await listActiveSessions(found.user.id)) {
      console.log([s.id, `created ${s.createdAt.toISOString()}`, `last used ${s.lastUsedAt.toISOString()}`, `expires ${s.expiresAt.toISOString()}`, `ip ${s.ip ?? '-'}`, s.userAgent ?? '-'].join('  '));
    }
  },
};

const end: Subcommand = {
  usage: 'sessions end --email <email>    end all of them (signed out everywhere)',
  options: { email: { type: 'string' } },
  async run(values) {
    const found = await userByEmail(required(values, 'email', end.usage));
    if (!found.ok) return found;
    const { user } = found;
    const ended = await endSessions(user.id, { all: true }, 'ended_by_operator');
    console.log(`Ended ${ended.length} session${ended.length === 1 ? '' : 's'} of ${user.email}.`);
  },
};

export const sessionsCommands = { list, end };
