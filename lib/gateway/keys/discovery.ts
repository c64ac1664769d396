import { env } from '@/lib/platform/config/env';
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
  };
}
