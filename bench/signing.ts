import { createPrivateKey, sign } from 'node:crypto';
import { importPrivateKey, generateSigningKey } from '@/lib/gateway/keys/key-crypto';
import { signAppSession, signerFor, type AppSessionClaims } from '@/lib/gateway/mint/sign';

/** Tokens per second: the project's signer vs node:crypto signing the same bytes with the same key. */
export async function signingBench(seconds = 2): Promise<{ project: number; nodeCrypto: number }> {
  const { kid, privateJwk } = await generateSigningKey();
  const signer = signerFor(kid, importPrivateKey(privateJwk));
  const now = Math.floor(Date.now() / 1000);
  const claims: AppSessionClaims = { iss: 'http://localhost:3000', aud: 'run_x', sub: 'usr_x', org_id: 'org_x', org_role: 'member', workflow_id: 'wf_x', name: 'X', email: 'x@x', auth_via: 'session', sid: 'ses_'.padEnd(28, 'x'), iat: now, nbf: now, exp: now + 300, jti: 'j'.repeat(24) };
  let project = 0;
  let until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    signAppSession(claims, signer);
    project++;
  }
  const keyObject = createPrivateKey({ key: privateJwk as never, format: 'jwk' });
  const input = Buffer.from(`${Buffer.from(JSON.stringify({ alg: 'ES256', kid, typ: 'app-session+jwt' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`);
  let nodeCrypto = 0;
  until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    sign('sha256', input, { key: keyObject, dsaEncoding: 'ieee-p1363' });
    nodeCrypto++;
  }
  return { project: Math.round(project / seconds), nodeCrypto: Math.round(nodeCrypto / seconds) };
}
