import type { AuditFilters } from './audit-filters';
import { listAuditEvents, type AuditPosition, type AuditRow } from './audit-log';
import { csvRow } from '@/lib/platform/format/csv';

const HEADER = [
  'time_utc', 'result', 'code', 'user_id', 'user_name', 'user_email', 'app_id', 'app_title', 'workflow_id', 'auth_via', 'api_token_id', 'ip', 'user_agent', 'jti', 'detail',
  'service_account_id', 'service_account_name',
];
const BATCH = 1000;
/** An export stops here; narrow the filters for more. */
const MAX_EXPORT_ROWS = 100_000;

const line = (r: AuditRow) =>
  csvRow([r.at, r.result, r.code, r.userId, r.userName, r.userEmail, r.appId, r.appTitle, r.workflowId, r.authVia, r.apiTokenId, r.ip, r.userAgent, r.jti, r.detail, r.serviceAccountId, r.serviceAccountName]);

/** The org's filtered audit events as CSV, newest first, read from the database a batch at a time. */
export function auditCsvStream(orgId: string, filters: AuditFilters): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: AuditPosition | null = null;
  let written = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvRow(HEADER)));
        return;
      }
      const { rows, nextBefore } = await listAuditEvents(orgId, filters, before, Math.min(BATCH, MAX_EXPORT_ROWS - written));
      if (rows.length) controller.enqueue(encoder.encode(rows.map(line).join('')));
      written += rows.length;
      before = nextBefore;
      if (!nextBefore || written >= MAX_EXPORT_ROWS) controller.close();
    },
  });
}
