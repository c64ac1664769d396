import { endSessions } from '@/lib/auth/end-sessions';
import { listActiveSessions } from '@/lib/auth/session-store';
import { findUserByEmail } from '@/lib/auth/user-queries';
import { parseArgs } from './args';

export class SessionsCommandError extends Error {
  override name = 'SessionsCommandError';
}

const USAGE = 'Usage: sessions list --email <e> | sessions end --email <e>';

/** `sessions list --email <e>`: one line per session still on, its id first. `sessions end --email <e>`: ends them all. */
export async function runSessionsCommand(argv: string[]): Promise<void> {
  const { flags, positional } = parseArgs(argv);
  const [sub] = positional;
  if (sub !== 'list' && sub !== 'end') throw new SessionsCommandError(USAGE);
  const email = flags.get('email');
  if (!email) throw new SessionsCommandError('Pass --email <email>.');
  const user = await findUserByEmail(email);
  if (!user) throw new SessionsCommandError(`No user with email ${email}.`);
  if (sub === 'list') {
    for (const s of await listActiveSessions(user.id)) {
      console.log([s.id, `created ${s.createdAt.toISOString()}`, `last used ${s.lastUsedAt.toISOString()}`, `expires ${s.expiresAt.toISOString()}`, `ip ${s.ip ?? '-'}`, s.userAgent ?? '-'].join('  '));
    }
    return;
  }
  const ended = await endSessions(user.id, { all: true }, 'ended_by_operator');
  console.log(`Ended ${ended.length} session${ended.length === 1 ? '' : 's'} of ${user.email}.`);
}
