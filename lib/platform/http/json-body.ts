import { GatewayError } from '@/lib/gateway/errors';

const MEDIA_TYPES = {
  json: { name: 'application/json', pattern: /^application\/json\s*(;|$)/i },
  // JSON Merge Patch (RFC 7396 §4).
  'merge-patch': { name: 'application/merge-patch+json', pattern: /^application\/merge-patch\+json\s*(;|$)/i },
} as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The management API's bodies: an app with up to 1000 listed members' emails fits. */
export const MANAGEMENT_BODY_LIMIT = 64 * 1024;

/**
 * Reads a small JSON body: a foreign content type → 415, more than `limit` bytes → 413 (without
 * reading past the limit), invalid JSON → 400. An empty body counts as `{}`.
 */
export async function readJsonBody(req: Request, limit: number, mediaType: keyof typeof MEDIA_TYPES = 'json'): Promise<unknown> {
  const { name, pattern } = MEDIA_TYPES[mediaType];
  const type = req.headers.get('content-type');
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (type !== null && !pattern.test(type)) throw new GatewayError('unsupported_media_type', `Send ${name}.`);
  if (declared > limit) throw new GatewayError('payload_too_large', `The body must be at most ${limit} bytes.`);
  // With a declared length the HTTP parser already stops the body there: read it in one go.
  const bytes = declared >= 0 ? new Uint8Array(await req.arrayBuffer()) : await readAtMost(req, limit);
  if (bytes.length === 0) return {};
  if (type === null) throw new GatewayError('unsupported_media_type', `Send ${name}.`);
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    throw new GatewayError('invalid_request', 'The body is not valid JSON.');
  }
}

async function readAtMost(req: Request, limit: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new GatewayError('payload_too_large', `The body must be at most ${limit} bytes.`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
