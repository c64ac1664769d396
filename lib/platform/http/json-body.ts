import { refusal, type Result } from '@/lib/gateway/errors';
import { readBodyAtMost } from './body-at-most';

const MEDIA_TYPES = {
  json: { name: 'application/json', pattern: /^application\/json\s*(;|$)/i },
  // JSON Merge Patch (RFC 7396 §4).
  'merge-patch': { name: 'application/merge-patch+json', pattern: /^application\/merge-patch\+json\s*(;|$)/i },
  // SCIM (RFC 7644 §3.1); clients send plain JSON too.
  scim: { name: 'application/scim+json', pattern: /^application\/(scim\+)?json\s*(;|$)/i },
} as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The management API's bodies: an app with up to 1000 listed members' emails fits. */
export const MANAGEMENT_BODY_LIMIT = 64 * 1024;

/**
 * Reads a small JSON body: a foreign content type → 415, more than `limit` bytes → 413 (without
 * reading past the limit), invalid JSON → 400. An empty body counts as `{}`.
 */
export async function readJson(req: Request, limit: number, mediaType: keyof typeof MEDIA_TYPES = 'json'): Promise<Result<{ json: unknown }>> {
  const { name, pattern } = MEDIA_TYPES[mediaType];
  const unsupported = () => refusal('unsupported_media_type', `Send ${name}.`);
  const tooLarge = () => refusal('payload_too_large', `The body must be at most ${limit} bytes.`);
  const type = req.headers.get('content-type');
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (type !== null && !pattern.test(type)) return unsupported();
  if (declared > limit) return tooLarge();
  // With a declared length the HTTP parser already stops the body there: read it in one go.
  const bytes = declared >= 0 ? new Uint8Array(await req.arrayBuffer()) : await readBodyAtMost(req, limit);
  if (bytes === null) return tooLarge();
  if (bytes.length === 0) return { ok: true, json: {} };
  if (type === null) return unsupported();
  try {
    return { ok: true, json: JSON.parse(utf8.decode(bytes)) };
  } catch {
    return refusal('invalid_request', 'The body is not valid JSON.');
  }
}
