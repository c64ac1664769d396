// Reading the gateway's revocation feed (SPEC §9): discovery, one page, and the entries' shape.
import { REVOCATION_CLAIMS, type RevocationEntry } from './revocation-list.ts';

const FETCH_TIMEOUT_MS = 5_000;

export interface FeedPage {
  entries: RevocationEntry[];
  cursor: string;
}

/** Why a read failed, in words safe to show an operator (no response bodies). */
export class FeedError extends Error {
  override name = 'FeedError';

  constructor(
    message: string,
    /** The HTTP status the gateway answered, if it answered. */
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** `revocation_endpoint` from the issuer's discovery document. */
export async function discoverRevocationEndpoint(issuer: string): Promise<URL> {
  const discovery = `${issuer.replace(/\/+$/, '')}/.well-known/app-gateway`;
  const document = await getJson(new URL(discovery), 'the discovery document');
  const endpoint = (document as { revocation_endpoint?: unknown } | null)?.revocation_endpoint;
  if (typeof endpoint !== 'string' || endpoint === '') throw new FeedError('the discovery document names no revocation_endpoint');
  return feedUrl(endpoint);
}

export function feedUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new FeedError('the revocation endpoint is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new FeedError('the revocation endpoint must be http(s)');
  return url;
}

/** One page of the feed after `cursor` (every kept entry when null). */
export async function readFeedPage(endpoint: URL, cursor: string | null): Promise<FeedPage> {
  const url = new URL(endpoint);
  if (cursor !== null) url.searchParams.set('after', cursor);
  const body = (await getJson(url, 'the revocation feed')) as { revocations?: unknown; cursor?: unknown } | null;
  if (!body || !Array.isArray(body.revocations) || typeof body.cursor !== 'string') {
    throw new FeedError('the revocation feed answered something that is not a feed page');
  }
  return { entries: body.revocations.flatMap(toEntry), cursor: body.cursor };
}

// An entry that names none of the known claims, names one with a non-string value, or has no
// readable `at` is skipped: it cannot be matched safely. Unknown members are ignored.
function toEntry(raw: unknown): RevocationEntry[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const record = raw as Record<string, unknown>;
  const at = typeof record.at === 'string' ? Date.parse(record.at) : NaN;
  if (!Number.isFinite(at)) return [];
  const claims: RevocationEntry['claims'] = {};
  for (const name of REVOCATION_CLAIMS) {
    const value = record[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '') return [];
    claims[name] = value;
  }
  if (Object.keys(claims).length === 0) return [];
  return [{ claims, at: Math.floor(at / 1000) }];
}

async function getJson(url: URL, what: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch {
    throw new FeedError(`${what} could not be reached`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new FeedError(`${what} answered HTTP ${response.status}`, response.status);
  }
  try {
    return await response.json();
  } catch {
    throw new FeedError(`${what} did not answer JSON`);
  }
}
