// Server API for artifact backends. The browser helper is `./browser` (no Node imports).
export { createVerifier } from './verify';
export { ArtifactTokenError, ARTIFACT_TOKEN_ERROR_CODES, isArtifactTokenError, type ArtifactTokenErrorCode } from './errors';
export type { AppSessionClaims, ArtifactTokenVerifier, AuthVia, OrgRole, RevocationStatus, VerifierOptions, VerifyOptions } from './types';
