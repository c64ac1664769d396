import { describe, expect, it } from 'vitest';
import { runMintLoad } from '../load/mint-load';
import { assertBuilt } from './harness/built-server';

// The bounded form of `npm run load` (100 clients × 10,000 mints), run on every CI.
describe('load without loss (bounded)', () => {
  it('20 clients × 1,000 mints: zero 5xx, unique jtis, audit rows = mints + denials, memory flat, a proxied app served beside them; no mint after a revocation; every audit event of the org delivered to its webhook', async () => {
    assertBuilt();
    const r = await runMintLoad({ clients: 20, mints: 1000, raceLoops: 4 });
    expect(r.serverErrors).toBe(0);
    expect(r.byStatus['200']).toBeGreaterThan(0);
    expect(r.uniqueJtis).toBe(r.minted);
    expect(r.auditRows).toBe(r.requests);
    expect(r.auditMinted).toBe(r.minted);
    expect(r.lostAuditRows).toBe(0);
    // Every mint (and denial) of the race too is an audit event of Acme: all of them reached the receiver.
    expect(r.webhooks.orgAuditRows).toBeGreaterThanOrEqual(r.requests);
    expect(r.webhooks.lost).toBe(0);
    expect(r.rssEndMb - r.rssStartMb).toBeLessThan(150);
    // The artifact proxy served its proxied app beside the mints.
    expect(r.proxy.byStatus['200']).toBeGreaterThan(0);
    expect(r.race.before).toBeGreaterThan(0);
    expect(r.race.afterRevocation.sent).toBeGreaterThan(0);
    expect(r.race.afterRevocation.minted).toBe(0);
  }, 180_000);
});
