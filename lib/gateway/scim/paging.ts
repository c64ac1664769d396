import { refusal, type Result } from '../errors';

/** The most resources one page holds; a larger `count` gets this many (RFC 7644 §3.4.2.4 lets the provider return fewer). */
export const MAX_PAGE = 200;

export type Page = { startIndex: number; count: number };

const integerOf = (text: string | null): number | null | 'bad' => {
  if (text === null || text === '') return null;
  return /^-?\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : 'bad';
};

/** `startIndex` (1-based; below 1 reads as 1) and `count` (below 0 reads as 0; at most MAX_PAGE), as RFC 7644 §3.4.2.4 says. */
export function parsePage(params: URLSearchParams): Result<{ page: Page }> {
  const start = integerOf(params.get('startIndex'));
  const count = integerOf(params.get('count'));
  if (start === 'bad' || count === 'bad') return refusal('scim_invalid_value', 'startIndex and count are integers.');
  return { ok: true, page: { startIndex: Math.max(1, start ?? 1), count: Math.min(MAX_PAGE, Math.max(0, count ?? MAX_PAGE)) } };
}

/** RFC 7644 §3.4.2: a page of resources as a ListResponse. */
export function listResponse<T>(resources: T[], total: number, page: Page) {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: total,
    startIndex: page.startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
