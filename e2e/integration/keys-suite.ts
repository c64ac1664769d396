import { beforeAll, describe, expect, it } from 'vitest';
import { activateNextKeyNow, listKeys, revokeKey, rotateKeys } from '@/lib/gateway/keys/rotation';
import type { DbKind } from './harness/databases';
import { gatewayForSuite } from './harness/gateway-fixture';

/** Rotation without a failed verification, and emergency revocation, against one kind of database. */
export function describeKeyRotation(kind: DbKind) {
  describe(`signing keys on ${kind}`, () => {
    const gw = gatewayForSuite(kind, { KEY_PUBLISH_AHEAD_SECONDS: '600' });
    let cookie: string;
    const jwksKids = async () => {
      const res = await fetch(`${gw.url}/.well-known/jwks.json`);
      expect(res.headers.get('cache-control')).toBe('public, max-age=600');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const { keys } = (await res.json()) as { keys: Array<Record<string, string>> };
      for (const k of keys) expect(Object.keys(k).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      return keys.map((k) => k.kid);
    };
    const mint = async () => ((await (await gw.client.mint('run_acme_dashboard', { cookie })).json()) as { token: string }).token;

    beforeAll(async () => {
      cookie = await gw.client.signIn('alice@acme.test');
    });

    it('publishes the active key with kid = its JWK thumbprint, and the discovery document', async () => {
      const { calculateJwkThumbprint } = await import('jose');
      const { keys } = (await (await fetch(`${gw.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
      expect(keys).toHaveLength(1);
      expect(keys[0]!.kid).toBe(await calculateJwkThumbprint(keys[0]!, 'sha256'));
      const doc = await (await fetch(`${gw.url}/.well-known/app-gateway`)).json();
      expect(doc).toEqual({
        issuer: 'http://localhost:3000',
        jwks_uri: 'http://localhost:3000/.well-known/jwks.json',
        token_type: 'app-session+jwt',
        algorithms: ['ES256'],
        token_ttl_seconds: 300,
        session_endpoint: 'http://localhost:3000/v1/app-gateway/{appId}/session',
        revocation_endpoint: 'http://localhost:3000/v1/app-gateway/revocations',
        token_endpoint: 'http://localhost:3000/v1/app-gateway/token',
        grant_types_supported: ['urn:ietf:params:oauth:grant-type:token-exchange'],
      });
    });

    it('rotation: the next key is published before it signs; old tokens verify until they expire', async () => {
      const before = await mint();
      const oldKid = gw.kid(before);
      const rotated = await rotateKeys();
      if (!rotated.ok) throw new Error(rotated.detail);
      const next = rotated.key;
      expect(next.state).toBe('next');
      // A second rotation while one key waits is refused, as a conflict of the one table.
      expect(await rotateKeys()).toMatchObject({ ok: false, code: 'conflict' });
      expect(await jwksKids()).toEqual(expect.arrayContaining([oldKid, next.kid]));
      expect(gw.kid(await mint())).toBe(oldKid); // still signing with the old key during publish-ahead

      expect(await activateNextKeyNow()).toMatchObject({ ok: true, key: { kid: next.kid, state: 'active' } });
      expect(await activateNextKeyNow()).toMatchObject({ ok: false, code: 'conflict' });
      const after = await mint();
      expect(gw.kid(after)).toBe(next.kid);
      await expect(gw.verify(before, 'run_acme_dashboard')).resolves.toMatchObject({ sub: 'usr_alice' });
      await expect(gw.verify(after, 'run_acme_dashboard')).resolves.toMatchObject({ sub: 'usr_alice' });
      const states = Object.fromEntries((await listKeys()).map((k) => [k.kid, k.state]));
      expect(states).toMatchObject({ [oldKid]: 'retiring', [next.kid]: 'active' });
    });

    it('emergency revoke removes the key from the JWKS at once and a new key signs', async () => {
      const token = await mint();
      const kid = gw.kid(token);
      const revoked = await revokeKey(kid);
      expect(revoked).toMatchObject({ ok: true, replacedBy: expect.any(String) });
      const replacedBy = revoked.ok ? revoked.replacedBy : null;
      expect(await revokeKey(kid)).toMatchObject({ ok: false, code: 'conflict', detail: `Key ${kid} is already revoked.` });
      expect(await revokeKey('no-such-kid')).toMatchObject({ ok: false, code: 'not_found' });
      expect(await jwksKids()).not.toContain(kid);
      await expect(gw.verify(token, 'run_acme_dashboard')).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
      const fresh = await mint();
      expect(gw.kid(fresh)).toBe(replacedBy);
      await expect(gw.verify(fresh, 'run_acme_dashboard')).resolves.toBeTruthy();
    });
  });
}
