import { GatewayError } from '@/lib/gateway/errors';

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a small JSON body: a foreign content type → 415, more than `limit` bytes → 413 (without
 * reading past the limit), invalid JSON → 400. An empty body counts as `{}`.
 */
export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const type = req.headers.get('content-type');
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (type !== null && !JSON_TYPE.test(type)) throw new GatewayError('unsupported_media_type', 'Send application/json.');
  if (declared > limit) throw new GatewayError('payload_too_large', `The body must be at most ${limit} bytes.`);
  // With a declared length the HTTP parser already stops the body there: read it in one go.
  const bytes = declared >= 0 ? new Uint8Array(await req.arrayBuffer()) : await readAtMost(req, limit);
  if (bytes.length === 0) return {};
  if (type === null) throw new GatewayError('unsupported_media_type', 'Send application/json.');
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
