import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ConfirmForm } from '@/app/admin/_components/confirm-form';
import { signInUrl } from '@/lib/auth/callback-url';
import { currentViewer } from '@/lib/auth/current-viewer';
import { listActiveSessions } from '@/lib/auth/sessions/session-store';
import { endOtherSessions } from './actions';
import { SessionsTable } from './sessions-table';

export const metadata: Metadata = { title: 'Sessions' };
// GET /settings/sessions — where the signed-in user is signed in; sign out of one, or of all the others
export default async function SessionsPage() {
  const viewer = await currentViewer();
  if (!viewer?.id) redirect(signInUrl('/settings/sessions'));
  const sessions = await listActiveSessions(viewer.id);
  const others = sessions.filter((s) => s.id !== viewer.sessionId).length;
  return (
    <div className="admin-stack">
      <div className="admin-head">
        <div>
          <p className="eyebrow">Settings</p>
          <h1>Sessions</h1>
          <p>
            Every browser you are signed in with. Signing one out takes effect at its next request: its open apps stop
            getting tokens, and artifacts that follow the revocation feed drop you within seconds.
          </p>
        </div>
        {others > 0 ? (
          <ConfirmForm
            action={endOtherSessions}
            fields={{}}
            trigger="Sign out of all other sessions"
            title={`Sign out of ${others === 1 ? 'the other session' : `all ${others} other sessions`}?`}
            confirmLabel="Sign out others"
            testId="end-other-sessions"
          >
            This browser stays signed in.
          </ConfirmForm>
        ) : null}
      </div>
      <SessionsTable sessions={sessions} currentId={viewer.sessionId} />
    </div>
  );
}
