import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apiTokens, memberships, orgs, type ApiToken } from '@/db/schema';
import { GatewayError } from '@/lib/gateway/errors';
import { recordRevocations } from '@/lib/gateway/revocations/record';
import { API_TOKEN_SCOPES, DEFAULT_API_TOKEN_SCOPES, isManagementScope, parseScopes, type Scope } from '../scopes';
import { newApiTokenSecret } from './api-token-secret';

/** A token that cannot be made as asked: an invalid_request refusal, thrown (the CLI and the settings page render it). */
export class ApiTokenError extends GatewayError {
  override name = 'ApiTokenError';
  constructor(detail: string) {
    super('invalid_request', detail);
  }
}

export type CreatedApiToken = { id: string; token: string; record: ApiToken };

/**
 * Creates a token bound to one user and one org the user belongs to; the secret is returned once.
 * Scopes default to `mint`; management scopes only for an admin of the org (and they keep working
 * only while the person stays one: the management API reads the role at every call).
 */
export async function createApiToken(input: {
  userId: string;
  orgId: string;
  name?: string;
  expiresAt?: Date | null;
  scopes?: readonly string[];
}): Promise<CreatedApiToken> {
  const asked = parseScopes(input.scopes ?? DEFAULT_API_TOKEN_SCOPES, API_TOKEN_SCOPES);
  if (!asked.ok) throw new ApiTokenError(`Not a scope: ${asked.unknown.join(', ')} (choose from ${API_TOKEN_SCOPES.join(', ')}).`);
  if (asked.scopes.length === 0) throw new ApiTokenError(`Choose at least one scope (${API_TOKEN_SCOPES.join(', ')}).`);
  const scopes: Scope[] = asked.scopes;
  const db = await getDb();
  const [member] = await db
    .select({ orgId: memberships.orgId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, input.userId), eq(memberships.orgId, input.orgId)));
  if (!member) throw new ApiTokenError(`The user is not a member of ${input.orgId}.`);
  if (member.role !== 'admin' && scopes.some(isManagementScope)) {
    throw new ApiTokenError(`Management scopes (${scopes.filter(isManagementScope).join(', ')}) are for admins of ${input.orgId} only.`);
  }
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw new ApiTokenError('The expiry must be in the future.');
  const { token, hash, displayPrefix } = newApiTokenSecret();
  const id = `tok_${randomBytes(9).toString('base64url')}`;
  const [record] = await db
    .insert(apiTokens)
    .values({ id, userId: input.userId, orgId: input.orgId, name: input.name ?? '', tokenHash: hash, prefix: displayPrefix, expiresAt: input.expiresAt ?? null, scopes })
    .returning();
  return { id, token, record: record! };
}

export type ApiTokenListing = Omit<ApiToken, 'tokenHash'> & { orgName: string };

export async function listApiTokens(userId: string): Promise<ApiTokenListing[]> {
  const db = await getDb();
  const rows = await db
    .select({ t: apiTokens, orgName: orgs.name })
    .from(apiTokens)
    .innerJoin(orgs, eq(orgs.id, apiTokens.orgId))
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(({ t: { tokenHash: _hash, ...t }, orgName }) => ({ ...t, orgName }));
}

/**
 * Revokes a token; with `userId`, only that user's own. Returns false when there was nothing to
 * revoke. The revocation feed names it (`sid` = the token id, the `sid` claim of its mints).
 */
export async function revokeApiToken(id: string, userId?: string): Promise<boolean> {
  const db = await getDb();
  const where = and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt), userId ? eq(apiTokens.userId, userId) : undefined);
  return db.transaction(async (tx) => {
    const rows = await tx.update(apiTokens).set({ revokedAt: new Date() }).where(where).returning({ id: apiTokens.id });
    await recordRevocations(tx, rows.map((r) => ({ sid: r.id })));
    return rows.length > 0;
  });
}
