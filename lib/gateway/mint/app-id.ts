/** App ids are run ids: letters, digits, `_` and `-`. */
const APP_ID = /^[A-Za-z0-9_-]{1,128}$/;

export const isWellFormedAppId = (id: string) => APP_ID.test(id);

/** A printable, bounded form of any requested id, for the audit log. */
export function auditableAppId(id: string): string {
  // eslint-disable-next-line no-control-regex
  return id.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 128);
}
