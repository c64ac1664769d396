import { readBodyAtMost } from './body-at-most';

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type FormBody = { ok: true; params: URLSearchParams } | { ok: false; detail: string };

/**
 * Reads a small `application/x-www-form-urlencoded` body (an OAuth token request, RFC 6749 §3.2).
 * What is wrong with it comes back as a value, not thrown: the token endpoint audits it and answers
 * in its own error format. Never reads past `limit` bytes.
 */
export async function readFormBody(req: Request, limit: number): Promise<FormBody> {
  const type = req.headers.get('content-type');
  if (type === null || !FORM_TYPE.test(type)) return { ok: false, detail: 'Send the parameters as application/x-www-form-urlencoded.' };
  const declared = Number(req.headers.get('content-length') ?? NaN);
  const tooLarge = { ok: false, detail: `The body must be at most ${limit} bytes.` } as const;
  if (declared > limit) return tooLarge;
  const bytes = await readBodyAtMost(req, limit);
  if (!bytes) return tooLarge;
  try {
    return { ok: true, params: new URLSearchParams(utf8.decode(bytes)) };
  } catch {
    return { ok: false, detail: 'The body is not UTF-8.' };
  }
}
