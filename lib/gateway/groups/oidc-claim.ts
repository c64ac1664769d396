// What an OIDC sign-in says about the person's groups (SPEC §18), read from the provider's claims:
// the list of group values, or null when it says nothing (no claim, an overage marker, a claim
// that is not a list of strings). Null changes nothing; a list, even empty, sets the oidc groups.

type Claims = Record<string, unknown> | null | undefined;

/**
 * Entra ID replaces a claim too large for the token by an overage marker: `_claim_names` names the
 * claim and `_claim_sources` says where to fetch it. The groups are then unknown, not none.
 */
const overage = (claims: Claims, name: string) => {
  const names = claims?._claim_names;
  return typeof names === 'object' && names !== null && Object.hasOwn(names, name);
};

function listOf(value: unknown): string[] | null {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return null;
  return value as string[];
}

/**
 * The groups claim `name` from the userinfo profile, else from the (validated) ID token's claims:
 * providers put it in either (Entra ID and Okta in the ID token).
 */
export function groupsClaim(name: string, profile: Claims, idToken: Claims): string[] | null {
  if (overage(profile, name) || overage(idToken, name)) return null;
  for (const claims of [profile, idToken]) {
    if (claims && Object.hasOwn(claims, name)) return listOf(claims[name]);
  }
  return null;
}
