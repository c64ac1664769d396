import type { SentRequest } from '@/lib/gateway/access-requests/sent-requests';
import { HomeSection } from './home-section';

/**
 * The viewer's access requests not in their list of apps (SPEC §16): each just "sent", by the app id
 * they asked for. Pending, denied, dropped (no such app) and expired requests look the same.
 */
export function SentRequests({ requests }: { requests: SentRequest[] }) {
  if (requests.length === 0) return null;
  return (
    <HomeSection testId="sent-requests" titleId="sent-requests-title" title="Access you asked for" note="An app appears in your list once its admins let you in.">
      <ul className="sent-requests">
        {requests.map((r) => (
          <li key={r.appId} data-testid="sent-request" data-app-id={r.appId}>
            <span className="mono">{r.appId}</span> <span className="badge">Sent</span>{' '}
            <span className="muted">
              <time dateTime={new Date(r.sentAt).toISOString()}>{new Date(r.sentAt).toISOString().slice(0, 10)}</time>
            </span>
          </li>
        ))}
      </ul>
    </HomeSection>
  );
}
