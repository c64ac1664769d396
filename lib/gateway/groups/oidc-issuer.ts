import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orgOidcGroupIssuers, orgs } from '@/db/schema';
import type { Actor } from '../audit/actor';
import { recordChange } from '../audit/record-change';
import { refusal, type Result } from '../errors';

// The platform setting of SPEC §18: which OIDC issuer's groups claim sets an org's `oidc` groups.
// Set by the operator (CLI `org oidc-groups`), never by an org's own admins: an admin who could bind
// their org to any issuer could let that issuer's users fill groups that open the org's apps.

/** Binds the org to `issuer` (exactly as the provider's `iss`), or unbinds it (null). */
export async function setOidcGroupIssuer(orgId: string, issuer: string | null, actor: Actor): Promise<Result<{ before: string | null; after: string | null }>> {
  if (issuer !== null && !URL.canParse(issuer)) return refusal('invalid_request', 'The issuer is a URL, exactly as the provider’s discovery document names it.');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [org] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, orgId)).for('update');
    if (!org) return refusal('not_found', `No org ${orgId}.`);
    const [row] = await tx.select({ issuer: orgOidcGroupIssuers.issuer }).from(orgOidcGroupIssuers).where(eq(orgOidcGroupIssuers.orgId, orgId));
    const before = row?.issuer ?? null;
    if (before === issuer) return { ok: true, before, after: issuer };
    await tx.delete(orgOidcGroupIssuers).where(eq(orgOidcGroupIssuers.orgId, orgId));
    if (issuer !== null) await tx.insert(orgOidcGroupIssuers).values({ orgId, issuer });
    const detail = issuer === null ? `OIDC groups no longer set by ${before}` : `OIDC groups set by sign-ins through ${issuer}`;
    await recordChange(tx, { orgId, code: 'oidc_groups_issuer_changed', actor, detail });
    return { ok: true, before, after: issuer };
  });
}
