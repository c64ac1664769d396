import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb } from '@/db/client';
import { orgs } from '@/db/schema';
import { ERRORS, type ProblemCode } from '@/lib/gateway/errors';
import { serviceAccountToken } from './management';

export type ScimCall = { token?: string; body?: unknown; raw?: string; contentType?: string };

/** A SCIM client for tests: `scim('POST', '/Users', { token, body })` under `/scim/v2/orgs/{orgId}`. */
export function scimApi(baseUrl: string, orgId: string) {
  return (method: string, path: string, c: ScimCall = {}) => {
    const headers: Record<string, string> = {};
    if (c.token !== undefined) headers.authorization = `Bearer ${c.token}`;
    const body = c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
    if (body !== undefined) headers['content-type'] = c.contentType ?? 'application/scim+json';
    return fetch(`${baseUrl}/scim/v2/orgs/${orgId}${path}`, { method, headers, body });
  };
}

/**
 * Acme's SCIM client as an IdP is set up: a service account `name` with the scim scope, and acme.test
 * verified for Acme (the platform admin's CLI `invite domain`), without which SCIM creates nobody.
 */
export async function acmeScimClient(gatewayUrl: string, name: string) {
  const account = await serviceAccountToken('org_acme', ['scim'], name);
  await (await getDb()).update(orgs).set({ autoJoinDomain: 'acme.test' }).where(eq(orgs.id, 'org_acme'));
  return { scim: scimApi(gatewayUrl, 'org_acme'), token: account.token, serviceAccountId: account.id };
}

/** A SCIM answer's JSON, after checking its status and content type. */
export async function scimBody<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/scim+json');
  return JSON.parse(text) as T;
}

/** An RFC 7644 §3.12 error as the table says: status (a string in the body), scimType where defined. */
export async function expectScimError(res: Response, code: ProblemCode): Promise<Record<string, unknown>> {
  const row = ERRORS[code] as { status: number; scimType?: string | null };
  const body = await scimBody(res, row.status);
  expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  expect(body.status).toBe(String(row.status));
  expect(body.scimType).toBe(row.scimType ?? undefined);
  expect(typeof body.detail).toBe('string');
  return body;
}
