import type { Result } from '@/lib/gateway/errors';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementAnswer, managementDone } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';
import { managementBodyRoute, managementRoute } from './management-route';
import type { ManagementCaller } from './management-caller';
import type { ManagementScope } from './scopes';

type ClientInfo = ReturnType<typeof clientInfo>;

/**
 * The routes of one resource of the management API (`/v1/orgs/{orgId}/apps/{appId}`, `…/groups/{groupId}`,
 * the id in the route's `idParam`): GET answers its document (the `read` scope), PATCH changes it with
 * a JSON Merge Patch and answers the new document, DELETE answers 204 (both the `write` scope, both
 * audited with the client's address); POST and PUT 405.
 */
export function managementResourceRoutes<K extends string>(
  template: string,
  idParam: K,
  scopes: { read: ManagementScope; write: ManagementScope },
  ops: {
    get: (caller: ManagementCaller, id: string) => Promise<Result<object>>;
    patch: (caller: ManagementCaller, id: string, patch: unknown, client: ClientInfo) => Promise<Result<object>>;
    remove: (caller: ManagementCaller, id: string, client: ClientInfo) => Promise<Result>;
  },
) {
  type P = { orgId: string } & Record<K, string>;
  const { POST, PUT } = methodsNotAllowed('GET, PATCH, DELETE');
  return {
    GET: managementRoute<P>(template, scopes.read, async (caller, params) => managementAnswer(await ops.get(caller, params[idParam]))),
    PATCH: managementBodyRoute<P>(template, scopes.write, async (caller, params, patch, req) => managementAnswer(await ops.patch(caller, params[idParam], patch, clientInfo(req))), 'merge-patch'),
    DELETE: managementRoute<P>(template, scopes.write, async (caller, params, req) => managementDone(await ops.remove(caller, params[idParam], clientInfo(req)))),
    POST,
    PUT,
  };
}
