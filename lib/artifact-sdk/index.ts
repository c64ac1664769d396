// Server API for artifact backends and resource servers. The browser helper is `./browser` (no Node imports).
export { createVerifier } from './verify.ts';
export { createAccessTokenVerifier } from './access-token-verify.ts';
export { createViewerExchange, exchangeForViewer, TokenExchangeError } from './token-exchange.ts';
export type { ViewerAccessToken, ViewerExchange, ViewerExchangeOptions, ViewerExchangeRequest } from './token-exchange.ts';
export { ArtifactTokenError, ARTIFACT_TOKEN_ERROR_CODES, isArtifactTokenError, type ArtifactTokenErrorCode } from './errors.ts';
export type {
  AccessTokenClaims,
  AccessTokenVerifier,
  AccessTokenVerifierOptions,
  AppSessionClaims,
  ArtifactTokenVerifier,
  AuthVia,
  GuestAuthVia,
  GuestSessionClaims,
  OrgRole,
  RevocationStatus,
  VerifierOptions,
  VerifyOptions,
} from './types.ts';
