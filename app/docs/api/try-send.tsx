'use client';

import { useState, type ReactNode } from 'react';
import { decodeJwtForDisplay } from '@/lib/ui/docs/try-mint';
import { ResponseView, type TryResponse } from './try-mint-result';

type Outcome = ({ kind: 'response' } & TryResponse) | { kind: 'network'; message: string };

/**
 * A "Try it" panel's request, sent from the page: `pending` while it runs, then `outcome` — the
 * status, headers and body (a JSON object pretty-printed), a 200's `token` decoded when asked, or
 * "no response" when the gateway could not be reached.
 */
export function useTrySend() {
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function send(path: string, init: RequestInit, { decodeToken = false } = {}) {
    setPending(true);
    const started = performance.now();
    try {
      const response = await fetch(path, { ...init, cache: 'no-store' });
      const text = await response.text();
      const json = parseObject(text);
      setOutcome({
        kind: 'response',
        status: response.status,
        statusText: response.statusText,
        ms: Math.round(performance.now() - started),
        headers: [...response.headers.entries()],
        body: json ? JSON.stringify(json, null, 2) : text,
        json,
        token: decodeToken && response.ok && typeof json?.token === 'string' ? decodeJwtForDisplay(json.token) : null,
      });
    } catch {
      setOutcome({ kind: 'network', message: 'The gateway could not be reached.' });
    } finally {
      setPending(false);
    }
  }

  return { pending, outcome, send };
}

/** Where the answer shows: `empty` before the first send. */
export function TryResult({ pending, outcome, empty }: { pending: boolean; outcome: Outcome | null; empty: ReactNode }) {
  return (
    <div className="docs-try__result" aria-live="polite" aria-busy={pending}>
      {outcome === null ? (
        <div className="docs-try__empty">{empty}</div>
      ) : outcome.kind === 'network' ? (
        <div className="alert alert--error" role="alert" data-testid="try-network-error">
          <div className="alert__body">
            <span className="alert__title">No response</span>
            <span className="alert__detail">{outcome.message}</span>
          </div>
        </div>
      ) : (
        <ResponseView outcome={outcome} />
      )}
    </div>
  );
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
