import { endSessions } from '@/lib/auth/sessions/end-sessions';
import { listActiveSessions } from '@/lib/auth/sessions/session-store';
import { subcommandFor } from './args';
import { userByEmail } from './find-user';

const list = subcommandFor('email', userByEmail, { usage: 'sessions list --email <email>   the user\'s sessions still on, one a line, id first' }, async ({ user }) => {
  for (const s of await listActiveSessions(user.id)) {
    console.log([s.id, `created ${s.createdAt.toISOString()}`, `last used ${s.lastUsedAt.toISOString()}`, `expires ${s.expiresAt.toISOString()}`, `ip ${s.ip ?? '-'}`, s.userAgent ?? '-'].join('  '));
  }
});

const end = subcommandFor('email', userByEmail, { usage: 'sessions end --email <email>    end all of them (signed out everywhere)' }, async ({ user }) => {
  const ended = await endSessions(user.id, { all: true }, 'ended_by_operator');
  console.log(`Ended ${ended.length} session${ended.length === 1 ? '' : 's'} of ${user.email}.`);
});

export const sessionsCommands = { list, end };
