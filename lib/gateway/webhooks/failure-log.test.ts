import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from '@/lib/platform/log';
import { DeliveryFailureLog } from './failure-log';

afterEach(() => vi.restoreAllMocks());

describe('webhook delivery failures in the log', () => {
  it('one line per endpoint per minute, each endpoint on its own; the next minute\'s line says how many were left out', () => {
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => {});
    let now = 0;
    const failures = new DeliveryFailureLog({ now: () => now });
    const fail = (endpointId: string, attempt: number) => failures.report({ endpointId, orgId: 'org_acme', reason: 'connection_failed', detail: 'ECONNREFUSED', attempt });

    fail('whk_a', 1);
    now = 20_000;
    fail('whk_a', 2);
    fail('whk_b', 1);
    now = 59_999;
    fail('whk_a', 3);
    now = 60_000;
    fail('whk_a', 4);
    fail('whk_b', 2);

    expect(warn.mock.calls).toEqual([
      ['webhook_delivery_failed', { endpointId: 'whk_a', orgId: 'org_acme', reason: 'connection_failed', detail: 'ECONNREFUSED', attempt: 1, suppressed: 0 }],
      ['webhook_delivery_failed', { endpointId: 'whk_b', orgId: 'org_acme', reason: 'connection_failed', detail: 'ECONNREFUSED', attempt: 1, suppressed: 0 }],
      ['webhook_delivery_failed', { endpointId: 'whk_a', orgId: 'org_acme', reason: 'connection_failed', detail: 'ECONNREFUSED', attempt: 4, suppressed: 2 }],
    ]);
  });
});
