export type FeedBody = { revocations: Array<Record<string, string>>; cursor: string };

/** GET the revocation feed, after `cursor` when given. */
export async function readFeed(baseUrl: string, cursor?: string): Promise<FeedBody> {
  const res = await fetch(`${baseUrl}/v1/app-gateway/revocations${cursor === undefined ? '' : `?after=${encodeURIComponent(cursor)}`}`);
  if (res.status !== 200) throw new Error(`feed answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as FeedBody;
}

/** The entries written after `cursor`, without their times. */
export async function newEntries(baseUrl: string, cursor: string): Promise<Array<Record<string, string>>> {
  return (await readFeed(baseUrl, cursor)).revocations.map(({ at: _at, ...rest }) => rest);
}
