import type { ManagementCaller } from '@/lib/auth/management-caller';
import { softDeleteOrgApp } from '../apps/org-apps';
import { refusal, type Result } from '../errors';
import { formatAppCursor, parseAppCursor } from './app-cursor';
import { findAppDocument, pageOfAppDocuments } from './app-documents';
import type { AppDocument } from './app-document';
import type { ClientInfo } from './app-write-refusal';
import { pageQuery } from './query-params';

export const APP_PAGE_DEFAULT = 50;
export const APP_PAGE_MAX = 200;

/**
 * GET /v1/orgs/{orgId}/apps?limit=&cursor=: the org's live apps, oldest first by (creation, id).
 * `next_cursor` is null on the last page. Paging never skips nor repeats an app while others are
 * added or deleted (apps added meanwhile may or may not appear, each once at most).
 */
export async function listApps(caller: ManagementCaller, query: URLSearchParams): Promise<Result<{ apps: AppDocument[]; next_cursor: string | null }>> {
  const page = pageQuery(query, 'cursor', APP_PAGE_DEFAULT, APP_PAGE_MAX);
  if (!page.ok) return page;
  const after = page.cursor === null ? null : parseAppCursor(page.cursor);
  if (page.cursor !== null && !after) return refusal('invalid_request', 'The `cursor` is malformed: send back a `next_cursor` this list returned.');
  const { apps, next } = await pageOfAppDocuments(caller.orgId, after, page.limit);
  return { ok: true, apps, next_cursor: next ? formatAppCursor(next) : null };
}

/** GET /v1/orgs/{orgId}/apps/{appId}: one live app of the caller's org. */
export async function getApp(caller: ManagementCaller, appId: string): Promise<Result<AppDocument>> {
  const app = await findAppDocument(caller.orgId, appId);
  return app ? { ok: true, ...app } : refusal('not_found', 'No such app.');
}

/**
 * DELETE /v1/orgs/{orgId}/apps/{appId}: the app stops at once (the mint answers 404, the feed names
 * it: `{ "aud": "<appId>" }`); its id is never used again. A second delete is 404.
 */
export async function deleteApp(caller: ManagementCaller, appId: string, client: ClientInfo): Promise<Result> {
  return (await softDeleteOrgApp(caller.orgId, appId, { actor: caller.actor, client })) ? { ok: true } : refusal('not_found', 'No such app.');
}
