import { decodeJwt } from 'jose';
import type { Account, Profile } from 'next-auth';
import { env } from '@/lib/platform/config/env';
import { groupsClaim } from '../gateway/groups/oidc-claim';
import { applyOidcGroups } from '../gateway/groups/oidc-groups';

/**
 * At an OIDC sign-in: the groups claim (`AUTH_OIDC_GROUPS_CLAIM`, from userinfo, else the ID token)
 * sets the person's `oidc` groups in the orgs bound to the issuer (SPEC §18). No claim, or an
 * overage marker, changes nothing.
 */
export async function signInSetsOidcGroups(userId: string, account: Account, profile: Profile | undefined): Promise<void> {
  const e = env();
  if (account.provider !== 'oidc' || !e.AUTH_OIDC_ISSUER) return;
  // Auth.js validated this ID token in this same callback (signature, iss, aud, nonce, expiry):
  // its claims are read here, not trusted anew.
  const idToken = account.id_token ? decodeJwt(account.id_token) : null;
  const claimed = groupsClaim(e.AUTH_OIDC_GROUPS_CLAIM, profile as Record<string, unknown> | undefined, idToken);
  if (claimed === null) return;
  await applyOidcGroups(userId, typeof idToken?.iss === 'string' ? idToken.iss : e.AUTH_OIDC_ISSUER, claimed);
}
