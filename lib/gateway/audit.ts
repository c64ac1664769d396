import { getDb } from '@/db/client';
import { withDeadline } from '@/db/deadline';
import { auditEvents } from '@/db/schema';
import { env } from '@/lib/config/env';
import { log } from '@/lib/log';
import { AUDITED, GatewayError } from './errors';

export type DenialRecord = {
  code: string;
  appId: string | null;
  userId?: string | null;
  authVia?: 'session' | 'api_token' | null;
  ip: string | null;
  userAgent: string | null;
};

/** Audits a denial decided before the mint statement ran (bad body, no credentials, cross-origin...). */
export async function recordDenial(d: DenialRecord): Promise<void> {
  try {
    const db = await getDb();
    await withDeadline(
      db.insert(auditEvents).values({
        result: 'denied',
        code: d.code,
        appId: d.appId,
        userId: d.userId ?? null,
        authVia: d.authVia ?? null,
        ip: d.ip,
        userAgent: d.userAgent,
      }),
      env().DB_TIMEOUT_MS,
    );
  } catch {
    log.warn('audit_write_failed', { code: d.code });
  }
}

/** Runs `work`; a refusal it throws that was not audited yet is written to the audit log first. */
export async function auditingDenials<T>(context: Omit<DenialRecord, 'code'>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GatewayError && !(error as { [AUDITED]?: boolean })[AUDITED]) {
      await recordDenial({ ...context, code: error.code });
    }
    throw error;
  }
}
