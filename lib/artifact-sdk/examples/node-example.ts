// Verifies an App Gateway app session token, or an access token (SPEC §17), with the artifact SDK (lib/artifact-sdk).
//
//   npx tsx lib/artifact-sdk/examples/node-example.ts --issuer http://localhost:3000 --audience run_acme_dashboard   # token in $TOKEN
//   npx tsx lib/artifact-sdk/examples/node-example.ts --issuer http://localhost:3000 --audience platform-api --access --scope runs:read
//
// Options fall back to the environment: --jwks-url $JWKS_URL (default <issuer>/.well-known/jwks.json),
// --issuer $ISSUER, --audience $AUDIENCE, --token $TOKEN; --revocations ($REVOCATIONS=1) also checks the
// gateway's revocation feed (found through discovery, or --revocation-url $REVOCATION_URL); --access
// ($ACCESS=1) verifies an access token for the resource --audience, which must carry every scope of
// --scope $SCOPE (space-separated). Prints the
// verified claims as JSON and exits 0, or prints an error code (token_expired, insufficient_scope, token_revoked, ...) and
// exits 1; 2 for bad usage.
import { parseArgs } from 'node:util';
import { createAccessTokenVerifier, createVerifier, isArtifactTokenError } from '../index.ts';

const { values } = parseArgs({
  options: {
    'jwks-url': { type: 'string', default: process.env.JWKS_URL },
    issuer: { type: 'string', default: process.env.ISSUER },
    audience: { type: 'string', default: process.env.AUDIENCE },
    token: { type: 'string', default: process.env.TOKEN }, // prefer $TOKEN: arguments are visible to other users
    revocations: { type: 'boolean', default: ['1', 'true'].includes(process.env.REVOCATIONS ?? '') },
    'revocation-url': { type: 'string', default: process.env.REVOCATION_URL },
    access: { type: 'boolean', default: ['1', 'true'].includes(process.env.ACCESS ?? '') },
    scope: { type: 'string', default: process.env.SCOPE ?? '' },
  },
});

if (!values.issuer || !values.audience) {
  console.error('usage: node-example.ts --issuer <gateway origin> --audience <app id> [--jwks-url <url>] [--token <jwt> | $TOKEN]');
  process.exit(2);
}

// One verifier per gateway, created once: it caches the JWKS and refetches it for an unknown kid, and
// with revocations on it follows the revocation feed in the background.
const revocationEndpoint = values['revocation-url'] || undefined;
const settings = {
  issuer: values.issuer,
  jwksUri: values['jwks-url'] || undefined,
  revocations: values.revocations || revocationEndpoint !== undefined,
  revocationEndpoint,
};
const requiredScope = (values.scope ?? '').split(' ').filter(Boolean);
const access = values.access ? createAccessTokenVerifier({ ...settings, audience: values.audience, requiredScope }) : null;
const session = access ? null : createVerifier(settings);

try {
  const claims = access ? await access.verify(values.token) : await session!.verify(values.token, { audience: values.audience });
  console.log(JSON.stringify(claims));
} catch (error) {
  if (!isArtifactTokenError(error)) throw error;
  console.log(error.code);
  process.exitCode = 1;
} finally {
  (access ?? session)!.close();
}
