export type FeedBody = { revocations: Array<Record<string, string>>; cursor: string };

/** GET the revocation feed, after `cursor` when given. */
export async function readFeed(baseUrl: string, cursor?: string): Promise<FeedBody> {
  const res = await fetch(`${baseUrl}/v1/app-gateway/revocations${cursor === undefined ? '' : `?after=${encodeURIComponent(cursor)}`}`);
  if (res.status !== 200) throw new Error(`feed answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as FeedBody;
}

/**
 * The entries written after `cursor`, without their times. On PostgreSQL the feed shows an entry only
 * once every older transaction of the server has ended (its xmin rule), and other test files' open
 * transactions on the same server hold that back for a moment: so this waits (up to 15 s) for the
 * first entries to show, unless `{ wait: false }` (for a test that expects none).
 */
export async function newEntries(baseUrl: string, cursor: string, { wait = true } = {}): Promise<Array<Record<string, string>>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const entries = (await readFeed(baseUrl, cursor)).revocations.map(({ at: _at, ...rest }) => rest);
    if (entries.length > 0 || !wait || Date.now() > deadline) return entries;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
