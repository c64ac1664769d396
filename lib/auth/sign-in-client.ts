import { headers } from 'next/headers';
import { clientInfo } from '@/lib/platform/http/client-info';
import type { ClientInfo } from './sessions/session-store';

/**
 * Who is signing in (IP, user agent), for the session record: from the /api/auth request when
 * Auth.js hands it over, else from the request of the server action that called signIn().
 */
export async function signInClient(request: Request | undefined): Promise<ClientInfo> {
  if (request) return clientInfo(request);
  try {
    return clientInfo({ headers: await headers() });
  } catch {
    return { ip: null, userAgent: null };
  }
}
