/** An audit row as the outbox query reads it. */
export type AuditRow = {
  event_id: string | number;
  at: Date | string;
  result: string;
  code: string;
  user_id: string | null;
  api_token_id: string | null;
  auth_via: string | null;
  app_id: string | null;
  org_id: string | null;
  workflow_id: string | null;
  jti: string | null;
  ip: string | null;
  user_agent: string | null;
  service_account_id: string | null;
  /** The share link of a guest's mint or of a change to a link (SPEC §15). */
  share_id: string | null;
  detail: string | null;
};

/** The Standard Webhooks message id of an event: the same at every retry, so receivers can drop repeats. */
export const messageId = (eventId: string | number) => `evt_${eventId}`;

/**
 * One audit event as the org's integrations see it (webhooks' `data`, the management API's
 * `events`): ids and codes as in the console's audit log, no names, no emails. The actor of a change
 * is `user_id` (a person, `auth_via` session or api_token) or `service_account_id` (`auth_via`
 * service_account); neither for the operator's CLI.
 */
export function auditEventData(row: AuditRow) {
  return {
    id: String(row.event_id),
    at: new Date(row.at).toISOString(),
    result: row.result,
    code: row.code,
    user_id: row.user_id,
    api_token_id: row.api_token_id,
    auth_via: row.auth_via,
    app_id: row.app_id,
    org_id: row.org_id,
    workflow_id: row.workflow_id,
    jti: row.jti,
    ip: row.ip,
    user_agent: row.user_agent,
    service_account_id: row.service_account_id,
    share_id: row.share_id,
    detail: row.detail,
  };
}

/** The JSON body of one audit event's webhook. */
export function auditEventPayload(row: AuditRow): string {
  const data = auditEventData(row);
  return JSON.stringify({ type: `audit.${row.result}`, timestamp: data.at, data });
}
