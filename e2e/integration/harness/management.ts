import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { createServiceAccount } from '@/lib/gateway/service-accounts/service-accounts';

export type Call = { token?: string; body?: unknown; raw?: string; contentType?: string | null; headers?: Record<string, string> };

/** A management API client for tests: `call('POST', '/v1/orgs/org_acme/apps', { token, body })`. */
export function managementApi(baseUrl: string) {
  return (method: string, path: string, c: Call = {}) => {
    const headers: Record<string, string> = { ...c.headers };
    if (c.token !== undefined) headers.authorization = `Bearer ${c.token}`;
    const body = c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
    const type = c.contentType === undefined ? (method === 'PATCH' ? 'application/merge-patch+json' : 'application/json') : c.contentType;
    if (body !== undefined && type !== null) headers['content-type'] = type;
    return fetch(`${baseUrl}${path}`, { method, headers, body });
  };
}

/** A new service account of the org with these scopes; its token. */
export async function serviceAccountToken(orgId: string, scopes: string[], name = 'Test pipeline'): Promise<{ id: string; tokenId: string; token: string }> {
  const created = await createServiceAccount({ orgId, name, scopes, actor: OPERATOR });
  if (!created.ok) throw new Error(`service account not created: ${JSON.stringify(created)}`);
  return { id: created.account.id, tokenId: created.token.id, token: created.token.token };
}

/** A new API token of the user in the org with these scopes. */
export async function apiToken(userId: string, orgId: string, scopes: string[]): Promise<{ id: string; token: string }> {
  const created = await createApiToken({ userId, orgId, scopes });
  return { id: created.id, token: created.token };
}
