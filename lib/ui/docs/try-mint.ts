// Browser-safe helpers of the "Try it" panel on /docs/api: the request body, the equivalent curl
// command, and a display-only decoding of the returned token (no verification: that is the
// artifact backend's job, against the JWKS).

import { decodeJwtPart } from '@/lib/platform/format/jwt-part';

export const MINT_PATH = (appId: string) => `/v1/app-gateway/${encodeURIComponent(appId)}/session`;

/** `{}`, or `{"workflowId": "…"}` when one is given (surrounding spaces dropped). */
export function mintRequestBody(workflowId: string): string {
  const id = workflowId.trim();
  return id === '' ? '{}' : JSON.stringify({ workflowId: id });
}

/** One argument for a POSIX shell, in single quotes. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The same call with an API token instead of the browser session. */
export function mintCurl(origin: string, appId: string, workflowId: string, apiToken = 'agw_YOUR_TOKEN'): string {
  return [
    `curl -sS -X POST ${shellQuote(`${origin.replace(/\/+$/, '')}${MINT_PATH(appId)}`)} \\`,
    `  -H ${shellQuote(`Authorization: Bearer ${apiToken}`)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(mintRequestBody(workflowId))}`,
  ].join('\n');
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** The header and claims of a compact JWS, for display only; null when it is not one. */
export function decodeJwtForDisplay(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const header = decodeJwtPart(parts[0] ?? '');
  const claims = decodeJwtPart(parts[1] ?? '');
  return header && claims ? { header, claims } : null;
}

/** `2026-11-29T23:05:00Z` for a NumericDate claim, else null. */
export function numericDate(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000).toISOString().replace('.000Z', 'Z') : null;
}
