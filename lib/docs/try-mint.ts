// Browser-safe helpers of the "Try it" panel on /docs/api: the request body, the equivalent curl
// command, and a display-only decoding of the returned token (no verification: that is the
// artifact backend's job, against the JWKS).

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
  try {
    const header = decodePart(parts[0] ?? '');
    const claims = decodePart(parts[1] ?? '');
    return header && claims ? { header, claims } : null;
  } catch {
    return null;
  }
}

function decodePart(part: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return null;
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** `2026-11-29T23:05:00Z` for a NumericDate claim, else null. */
export function numericDate(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000).toISOString().replace('.000Z', 'Z') : null;
}
