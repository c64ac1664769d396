import { originTakenMessage, type AppWriteResult } from '../apps/org-apps';
import { refusal, validationFailed, type Refusal } from '../errors';

/** Where a management API call came from, for the audit log. */
export type ClientInfo = { ip: string | null; userAgent: string | null };

/** The refusal of the one table for an app write the domain refused (races past the checks included). */
export function appWriteRefusal(result: Exclude<AppWriteResult, { ok: true }>, orgId: string): Refusal {
  switch (result.reason) {
    case 'origin_taken':
      return refusal('origin_taken', originTakenMessage(result.origin));
    case 'workflow_not_in_org':
      return validationFailed([{ pointer: '#/workflow_id', detail: `No workflow with this id in ${orgId}.` }]);
    case 'upstream_not_allowed':
      return validationFailed([{ pointer: '#/upstream_url', detail: result.message }]);
    case 'not_members':
      return validationFailed([{ pointer: '#/access/members', detail: 'Someone listed is no longer a member of this organization (or a group listed was deleted).' }]);
    case 'not_groups':
      return validationFailed([{ pointer: '#/access/groups', detail: 'A group listed is not one of this organization’s (it may have been deleted).' }]);
    case 'not_found':
      return refusal('not_found', 'No such app.');
    case 'id_exists':
    case 'changed_meanwhile':
      return refusal('conflict', 'The app changed while this request was being handled; send it again.');
  }
}
