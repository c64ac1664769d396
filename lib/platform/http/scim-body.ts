import { refusal, type Result } from '@/lib/gateway/errors';
import { readJson } from './json-body';

/** A SCIM body: 1 MiB holds a group of several thousand members. */
const SCIM_BODY_LIMIT = 1024 * 1024;

/** The request's JSON object, or the SCIM error that says why not (too large, not JSON, not an object). */
export async function readScimBody(req: Request): Promise<Result<{ json: Record<string, unknown> }>> {
  const read = await readJson(req, SCIM_BODY_LIMIT, 'scim');
  if (!read.ok) {
    if (read.code === 'payload_too_large') return refusal('scim_payload_too_large', read.detail);
    return refusal('scim_invalid_syntax', read.detail);
  }
  const { json } = read;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return refusal('scim_invalid_syntax', 'The body must be a JSON object.');
  return { ok: true, json: json as Record<string, unknown> };
}
