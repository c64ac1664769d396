import { getDb } from '@/db/client';
import { withDeadline } from '@/db/deadline';
import { auditEvents } from '@/db/schema';
import { env } from '@/lib/platform/config/env';
import { log } from '@/lib/platform/log';
import { GatewayError } from '../errors';
import { auditedAppId } from '../mint/app-id';

// The audit log has exactly two writers: the mint statement (authorize-and-audit.ts), for every
// mint it decides, and recordRefusal here, for refusals decided before that statement runs.

export type RefusalRecord = {
  code: string;
  /** As requested; recorded the way the mint statement records it. */
  appId: string;
  userId?: string | null;
  authVia?: 'session' | 'api_token' | null;
  ip: string | null;
  userAgent: string | null;
};

/**
 * Audits a refusal decided before the mint statement ran (bad body, missing or invalid credentials,
 * cross-origin, no signing key). None of these callers is known to be a member of the app's org,
 * so the row is not attributed to any org: it shows in the platform admins' log, never an org's.
 */
export async function recordRefusal(r: RefusalRecord): Promise<void> {
  try {
    const db = await getDb();
    await withDeadline(
      db.insert(auditEvents).values({
        result: 'denied',
        code: r.code,
        appId: auditedAppId(r.appId),
        orgId: null,
        userId: r.userId ?? null,
        authVia: r.authVia ?? null,
        ip: r.ip,
        userAgent: r.userAgent,
      }),
      env().DB_TIMEOUT_MS,
    );
  } catch {
    log.warn('audit_write_failed', { code: r.code });
  }
}

/** Runs the steps before the mint (read the body, authenticate); a refusal they throw is audited, then rethrown. */
export async function beforeMint<T>(context: Omit<RefusalRecord, 'code'>, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (error) {
    if (error instanceof GatewayError) await recordRefusal({ ...context, code: error.code });
    throw error;
  }
}
