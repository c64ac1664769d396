import { env } from '@/lib/platform/config/env';
import { TOKEN_EXCHANGE_GRANT } from '@/lib/artifact-sdk/protocol';
import { TOKEN_TYPE } from '../mint/sign';
import { SIGNING_ALG } from './key-crypto';

/** The document at /.well-known/app-gateway: everything a verifier needs, from configuration only. */
export function discoveryDocument() {
  const { APP_URL, APP_TOKEN_TTL_SECONDS } = env();
  return {
    issuer: APP_URL,
    jwks_uri: `${APP_URL}/.well-known/jwks.json`,
    token_type: TOKEN_TYPE,
    algorithms: [SIGNING_ALG],
    token_ttl_seconds: APP_TOKEN_TTL_SECONDS,
    session_endpoint: `${APP_URL}/v1/app-gateway/{appId}/session`,
    revocation_endpoint: `${APP_URL}/v1/app-gateway/revocations`,
    token_endpoint: `${APP_URL}/v1/app-gateway/token`,
    grant_types_supported: [TOKEN_EXCHANGE_GRANT],
  };
}

/**
 * OAuth 2.0 authorization server metadata (RFC 8414) at /.well-known/oauth-authorization-server: the
 * token endpoint's facts, so standard OAuth clients discover the exchange. No `revocation_endpoint`:
 * there it would mean RFC 7009 token revocation, which the feed is not.
 */
export function authorizationServerMetadata() {
  const { APP_URL } = env();
  return {
    issuer: APP_URL,
    token_endpoint: `${APP_URL}/v1/app-gateway/token`,
    jwks_uri: `${APP_URL}/.well-known/jwks.json`,
    grant_types_supported: [TOKEN_EXCHANGE_GRANT],
    token_endpoint_auth_methods_supported: ['client_secret_basic'],
  };
}
