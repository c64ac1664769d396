import { base64url } from 'jose';

/**
 * One part (header or claims) of a compact JWS as a JSON object, for display and inspection only
 * (nothing here verifies anything); null when it is not base64url-encoded UTF-8 JSON of an object.
 * Browser-safe: the console, the try-it and the server's inspector all use it.
 */
export function decodeJwtPart(part: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(part)));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
