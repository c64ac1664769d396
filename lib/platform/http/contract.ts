import { z } from 'zod';
import { ERRORS } from './problem';

/** Response shapes of the public API; the OpenAPI document and the contract tests are built from these. */
export const MintResponse = z.strictObject({
  token: z.string().meta({ description: 'The app session token: a compact JWS (ES256, typ app-session+jwt).' }),
  exp: z.iso.datetime().meta({ description: 'Expiry, ISO 8601 UTC; equal to the JWT `exp`.', example: '2026-11-29T23:05:00.000Z' }),
  expires_in: z.number().int().min(60).max(3600).meta({ description: 'Seconds until `exp`.', example: 300 }),
});

/** The guest mint's body (SPEC §15): nothing to choose, a guest token is for its guest session's own app. */
export const GuestMintBody = z.strictObject({});

export const GuestMintResponse = z.strictObject({
  token: z.string().meta({ description: 'The guest token: a compact JWS (ES256, typ app-guest+jwt), no org_id, org_role "guest".' }),
  exp: z.iso.datetime().meta({ description: 'Expiry, ISO 8601 UTC; equal to the JWT `exp`, never past the guest session’s end (its link’s at the latest).', example: '2026-11-29T23:05:00.000Z' }),
  expires_in: z.number().int().min(1).max(3600).meta({ description: 'Seconds until `exp`.', example: 300 }),
});

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.enum(Object.keys(ERRORS) as [keyof typeof ERRORS, ...Array<keyof typeof ERRORS>]),
  instance: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/).meta({ description: 'This request: `urn:uuid:` and the `X-Request-Id` header, also in the access log. Quote it when reporting a problem.' }),
}).meta({ description: 'RFC 9457 problem details.' });

export const OrgMismatchProblem = Problem.extend({
  code: z.literal('org_mismatch'),
  orgId: z.string().meta({ description: 'The app’s org: switch to it and retry.' }),
  orgName: z.string(),
}).meta({ description: 'The `org_mismatch` problem: the caller is a member of the app’s org but acting in another; it names that org so the caller can switch and retry.' });

export const Jwks = z.object({
  keys: z.array(z.strictObject({
    kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), kid: z.string(), alg: z.literal('ES256'), use: z.literal('sig'),
  })),
});

export const Discovery = z.strictObject({
  issuer: z.url(),
  jwks_uri: z.url(),
  token_type: z.literal('app-session+jwt'),
  algorithms: z.tuple([z.literal('ES256')]),
  token_ttl_seconds: z.number().int(),
  session_endpoint: z.string(),
  revocation_endpoint: z.url(),
  token_endpoint: z.url(),
  grant_types_supported: z.tuple([z.literal('urn:ietf:params:oauth:grant-type:token-exchange')]),
});

const at = z.iso.datetime().meta({ description: 'When it was revoked: a token with every named claim equal and `iat` at or before this is revoked.' });

const RevocationEntry = z.union([
  z.strictObject({ sid: z.string().meta({ description: 'A session id, or an API token id: the token’s `sid` claim.' }), at }),
  z.strictObject({ sub: z.string(), at }).meta({ description: 'A deleted user: every token of theirs.' }),
  z.strictObject({ sub: z.string(), org_id: z.string(), at }).meta({ description: 'A member removed from an org, or whose role changed.' }),
  z.strictObject({ sub: z.string(), aud: z.string(), at }).meta({ description: 'Someone an app’s access list dropped.' }),
  z.strictObject({ aud: z.string(), at }).meta({
    description: 'An app deleted, or one of its credentials or allowances removed (its tokens, and the access tokens whose `client_id` it is), or a resource removed (its access tokens).',
  }),
]);

export const RevocationFeed = z.strictObject({
  revocations: z.array(RevocationEntry).meta({ description: 'Oldest first; at most 1000. A full page means more may follow: ask again with `cursor`.' }),
  cursor: z.string().meta({ description: 'Opaque. Send it back as `after` to get only newer entries.', example: '1234_56' }),
});

const PartState = z.enum(['ok', 'unavailable']);
/** `status` follows the database alone (200 / 503); `checks` reports each part a mint depends on. */
export const Health = z.strictObject({ status: PartState, checks: z.strictObject({ database: PartState, signing_key: PartState }) });
