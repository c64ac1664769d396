import { SignJWT } from 'jose';
import { SIGNING_ALG } from '../keys/key-crypto';

export const TOKEN_TYPE = 'app-session+jwt';

export type AppSessionClaims = {
  iss: string;
  aud: string;
  sub: string;
  org_id: string;
  workflow_id: string;
  name: string;
  email: string;
  auth_via: 'session' | 'api_token';
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
};

export async function signAppSession(claims: AppSessionClaims, kid: string, key: CryptoKey | Uint8Array): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: SIGNING_ALG, kid, typ: TOKEN_TYPE }).sign(key);
}
