// The proxy's session verifier checks a token's signature once and keeps it: what it keeps must never
// let a token do more than a full verification would (issue 31; SECURITY.md, "the verified-token cache").
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFeedServer, type FeedServer } from '@/lib/artifact-sdk/revocation-feed.fixtures';
import { createSigningKey, signToken, validClaims, type SigningKey } from '@/lib/artifact-sdk/verify.fixtures';
import { createSessionVerifier } from './verify';

const GATEWAY = 'http://localhost:3000';
const APP = 'run_acme_plain';
const now = () => Math.floor(Date.now() / 1000);

let key: SigningKey;
let feed: FeedServer;
beforeAll(async () => {
  key = await createSigningKey('k1');
  feed = await startFeedServer([key.publicJwk]); // the gateway's JWKS and revocation feed
});
afterAll(async () => feed?.close());

const verifier = (maxVerifiedTokens?: number) => createSessionVerifier(GATEWAY, feed.origin, feed.feedUrl, { maxVerifiedTokens });
const token = (claims: Record<string, unknown> = {}, audience = APP) => signToken(key, { ...validClaims(GATEWAY, audience), ...claims });

describe('a token whose signature was verified before', () => {
  it('is refused as soon as its revocation is read, while other sessions go on', async () => {
    const v = verifier();
    const leaving = await token({ sid: 'ses_leaving' });
    const staying = await token({ sid: 'ses_staying' });
    expect(await v.verify(leaving, APP)).toMatchObject({ ok: true });
    expect(await v.verify(staying, APP)).toMatchObject({ ok: true });
    expect(v.verifiedTokens()).toBe(2);

    feed.revoke({ sid: 'ses_leaving' });
    await vi.waitFor(async () => expect(await v.verify(leaving, APP)).toMatchObject({ ok: false, code: 'unauthenticated', extra: { reason: 'token_revoked' } }), {
      timeout: 15_000,
      interval: 100,
    });
    expect(await v.verify(staying, APP)).toMatchObject({ ok: true });
  }, 20_000);

  it('is refused once it expires (past the clock tolerance), and is no longer kept', async () => {
    const v = verifier();
    const expiring = await token({ iat: now() - 60, nbf: now() - 60, exp: now() });
    expect(await v.verify(expiring, APP)).toMatchObject({ ok: true });
    expect(v.verifiedTokens()).toBe(1);
    await vi.waitFor(async () => expect(await v.verify(expiring, APP)).toMatchObject({ ok: false, code: 'unauthenticated', extra: { reason: 'token_expired' } }), {
      timeout: 10_000,
      interval: 250,
    });
    expect(v.verifiedTokens()).toBe(0);
  }, 15_000);

  it('is refused for another app', async () => {
    const v = verifier();
    const forA = await token();
    expect(await v.verify(forA, APP)).toMatchObject({ ok: true });
    expect(await v.verify(forA, 'run_acme_dashboard')).toMatchObject({ ok: false, code: 'unauthenticated', extra: { reason: 'wrong_audience' } });
  });

  it('keeps at most maxVerifiedTokens however many distinct tokens arrive', async () => {
    const v = verifier(20);
    for (let i = 0; i < 100; i++) expect(await v.verify(await token({ jti: `jti_flood_${i}` }), APP)).toMatchObject({ ok: true });
    expect(v.verifiedTokens()).toBe(20);
  });

  it('is never kept when it does not verify', async () => {
    const v = verifier();
    const forged = `${(await token()).slice(0, -4)}AAAA`;
    expect(await v.verify(forged, APP)).toMatchObject({ ok: false, code: 'unauthenticated', extra: { reason: 'bad_signature' } });
    expect(await v.verify(forged, APP)).toMatchObject({ ok: false, extra: { reason: 'bad_signature' } });
    expect(v.verifiedTokens()).toBe(0);
  });
});
