import type { LogFields } from '@/lib/platform/log';

// What a handler learned about the caller (user, org), for the funnel's access log line.
const notes = new WeakMap<Request, LogFields>();

export function noteForLog(req: Request, fields: LogFields): void {
  const noted = notes.get(req);
  if (noted) Object.assign(noted, fields);
  else notes.set(req, { ...fields });
}

export function notesFor(req: Request): LogFields {
  return notes.get(req) ?? {};
}
