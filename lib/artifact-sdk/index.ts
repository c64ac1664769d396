// Server API for artifact backends and resource servers. The browser helper is `./browser` (no Node imports).
export { createVerifier } from './verify';
export { createAccessTokenVerifier } from './access-token-verify';
export { createViewerExchange, exchangeForViewer, TokenExchangeError } from './token-exchange';
export type { ViewerAccessToken, ViewerExchange, ViewerExchangeOptions, ViewerExchangeRequest } from './token-exchange';
export { ArtifactTokenError, ARTIFACT_TOKEN_ERROR_CODES, isArtifactTokenError, type ArtifactTokenErrorCode } from './errors';
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
} from './types';
