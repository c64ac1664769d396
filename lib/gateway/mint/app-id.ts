/** App ids are run ids: letters, digits, `_` and `-`. */
const APP_ID = /^[A-Za-z0-9_-]{1,128}$/;

export const isWellFormedAppId = (id: string) => APP_ID.test(id);

/**
 * The requested app id as the audit log records it, on every path: as is when well formed, else
 * `!` and a printable, bounded form of it (the `!` also keeps it from matching any app).
 */
export function auditedAppId(id: string): string {
  // eslint-disable-next-line no-control-regex
  return isWellFormedAppId(id) ? id : `!${id.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 127)}`;
}
