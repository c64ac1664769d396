import { errors } from 'jose';
import { ArtifactTokenError, type ArtifactTokenErrorCode } from './errors.ts';

/** Translates jose's stable error codes (never its messages) into the SDK's codes. */
export function toArtifactTokenError(err: unknown): ArtifactTokenError {
  if (err instanceof ArtifactTokenError) return err;
  return new ArtifactTokenError(codeFor(err), { cause: err });
}

function codeFor(err: unknown): ArtifactTokenErrorCode {
  if (!(err instanceof errors.JOSEError)) return 'token_malformed';
  switch (err.code) {
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return claimFailureCode(err as errors.JWTClaimValidationFailed);
    case 'ERR_JWT_EXPIRED':
      return 'token_expired';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'bad_signature';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'wrong_algorithm';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'unknown_key';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return 'jwks_unavailable';
    default:
      return 'token_malformed';
  }
}

function claimFailureCode(err: errors.JWTClaimValidationFailed): ArtifactTokenErrorCode {
  if (err.reason === 'missing') return 'missing_claim';
  if (err.reason === 'invalid') return 'token_malformed';
  switch (err.claim) {
    case 'iss':
      return 'wrong_issuer';
    case 'aud':
      return 'wrong_audience';
    case 'typ':
      return 'wrong_type';
    case 'nbf':
      return 'token_not_yet_valid';
    default:
      return 'token_malformed';
  }
}

/** Whether a key lookup failed because the token's kid is not published (vs. the JWKS being unreachable). */
export function isUnknownKeyError(err: unknown): boolean {
  return (
    err instanceof errors.JOSEError &&
    (err.code === 'ERR_JWKS_NO_MATCHING_KEY' || err.code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS')
  );
}
