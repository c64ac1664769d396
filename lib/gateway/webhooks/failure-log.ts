import { log } from '@/lib/platform/log';
import type { SendFailureReason } from './send';

export type DeliveryFailure = {
  endpointId: string;
  orgId: string;
  reason: SendFailureReason | 'secret_unusable' | 'failed';
  /** The HTTP status, the connection's error code or the refused address's class, when there is one. */
  detail?: string | number;
  /** The failed event's attempt number (1 on its first try). */
  attempt: number;
};

const WINDOW_MS = 60_000;

/**
 * Logs failed and refused deliveries as `webhook_delivery_failed` warnings, at most one line per
 * endpoint per minute: an endpoint that is down fails at every retry, and a line each time would
 * drown the log. The next line says how many failures were left out since the previous one.
 */
export class DeliveryFailureLog {
  private readonly now: () => number;
  private readonly lastLine = new Map<string, { at: number; suppressed: number }>();

  constructor({ now = Date.now }: { now?: () => number } = {}) {
    this.now = now;
  }

  report(failure: DeliveryFailure): void {
    const now = this.now();
    const last = this.lastLine.get(failure.endpointId);
    if (last && now - last.at < WINDOW_MS) {
      last.suppressed++;
      return;
    }
    this.forgetQuietEndpoints(now);
    this.lastLine.set(failure.endpointId, { at: now, suppressed: 0 });
    const { endpointId, orgId, reason, detail, attempt } = failure;
    log.warn('webhook_delivery_failed', {
      endpointId,
      orgId,
      reason,
      ...(typeof detail === 'number' ? { status: detail } : detail ? { detail } : {}),
      attempt,
      suppressed: last?.suppressed ?? 0,
    });
  }

  /** An endpoint needs its entry only within its minute, or while it has failures left out to report. */
  private forgetQuietEndpoints(now: number): void {
    for (const [id, entry] of this.lastLine) if (entry.suppressed === 0 && now - entry.at >= WINDOW_MS) this.lastLine.delete(id);
  }
}

/** The deliverer's log of failures, one per process (or per thread, under the production server). */
export const deliveryFailureLog = new DeliveryFailureLog();
