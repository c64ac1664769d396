// SCIM's wire format (RFC 7644 §3.1, §3.12): every answer is application/scim+json.

const SCIM_CONTENT_TYPE = 'application/scim+json';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A SCIM resource or message with its status, `Location` for a created one. */
export function scimJson(body: unknown, { status = 200, location }: { status?: number; location?: string } = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': SCIM_CONTENT_TYPE, 'cache-control': 'no-store', ...(location ? { location } : {}) },
  });
}

/** An RFC 7644 §3.12 error: `status` is a string there, and `scimType` appears only where the RFC defines one. */
export function scimError(status: number, scimType: string | null, detail: string, headers: Record<string, string> = {}): Response {
  const body = { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': SCIM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers } });
}
