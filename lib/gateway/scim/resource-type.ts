import type { Result } from '../errors';
import type { ScimContext } from './users';

/** What a SCIM use case answers with one resource: its document (`meta.location` is its URL) or a refusal. */
type ResourceResult = Promise<Result<{ resource: { meta: { location: string } } }>>;

/** A resource type's operations (RFC 7644 §3): the collection's list and create, one resource's read, replace, PatchOp and delete. */
export type ScimResourceType = {
  list: (ctx: ScimContext, query: URLSearchParams) => Promise<Result<{ list: object }>>;
  create: (ctx: ScimContext, body: Record<string, unknown>) => ResourceResult;
  get: (ctx: ScimContext, id: string) => ResourceResult;
  replace: (ctx: ScimContext, id: string, body: Record<string, unknown>) => ResourceResult;
  patch: (ctx: ScimContext, id: string, body: Record<string, unknown>) => ResourceResult;
  remove: (ctx: ScimContext, id: string) => Promise<Result>;
};
