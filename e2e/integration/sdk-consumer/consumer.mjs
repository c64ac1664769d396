// @ts-check
// An artifact backend as its author writes it against the installed package (sdk-package.test.ts
// copies this file into an empty project that has only `npm install`ed the tarball): plain Node, no
// loaders, no path aliases; `tsc --checkJs` reads the package's declarations for the same file.
// Prints one JSON line of what it saw.
import { ArtifactTokenError, createAccessTokenVerifier, createVerifier, createViewerExchange, TokenExchangeError } from '@app-gateway/artifact-sdk';

const env = (/** @type {string} */ name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const issuer = env('ISSUER');
const jwksUri = env('JWKS_URL');
const revocationEndpoint = env('REVOCATION_URL');
const appId = env('APP_ID');
const resource = env('RESOURCE');

/** The error code a refusal carries, or "accepted". */
const outcome = (/** @type {Promise<unknown>} */ promise) =>
  promise.then(
    () => 'accepted',
    (err) => (err instanceof ArtifactTokenError || err instanceof TokenExchangeError ? err.code : `unexpected: ${err}`),
  );

const sessions = createVerifier({ issuer, jwksUri, revocations: true, revocationEndpoint });
const claims = await sessions.verify(env('TOKEN'), { audience: appId });
// @ts-expect-error the declarations say what a claim is: a name is a string or null, never a number
const nameIsNotANumber = /** @type {number} */ (claims.name);
void nameIsNotANumber;
const [header, payload, signature] = env('TOKEN').split('.');
const tampered = `${header}.${payload}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`;

const exchange = createViewerExchange({ issuer, clientId: appId, clientSecret: env('CLIENT_SECRET'), tokenEndpoint: env('TOKEN_ENDPOINT') });
const exchanged = await exchange.exchangeForViewer({ subjectToken: env('TOKEN'), resource, scope: 'runs:read' });
const resourceServer = createAccessTokenVerifier({ issuer, audience: resource, jwksUri, revocationEndpoint, requiredScope: 'runs:read' });
const access = await resourceServer.verify(exchanged.accessToken);
const given = await resourceServer.verify(env('ACCESS_TOKEN'));

const browser = await import('@app-gateway/artifact-sdk/browser');
// @ts-expect-error the exports map keeps the package's files its own
const internals = await import('@app-gateway/artifact-sdk/dist/verify.js').then(
  () => 'importable',
  (/** @type {NodeJS.ErrnoException} */ err) => err.code,
);

console.log(
  JSON.stringify({
    session: { sub: claims.sub, aud: claims.aud, org_id: claims.org_id, name: claims.name },
    tampered: await outcome(sessions.verify(tampered, { audience: appId })),
    otherAudience: await outcome(sessions.verify(env('TOKEN'), { audience: 'run_someone_else' })),
    exchanged: { scope: exchanged.scope, expiresIn: exchanged.expiresIn },
    access: { sub: access.sub, aud: access.aud, client_id: access.client_id, scope: access.scope, act: access.act },
    given: { sub: given.sub, client_id: given.client_id },
    sessionTokenAsAccessToken: await outcome(resourceServer.verify(env('TOKEN'))),
    moreScopeThanGiven: await outcome(resourceServer.verify(exchanged.accessToken, { requiredScope: 'runs:write' })),
    refusedExchange: await outcome(exchange.exchangeForViewer({ subjectToken: env('TOKEN'), resource, scope: 'runs:write' })),
    browser: { connectToGateway: typeof browser.connectToGateway, GatewayConnectionError: typeof browser.GatewayConnectionError },
    internals,
  }),
);
sessions.close();
resourceServer.close();
