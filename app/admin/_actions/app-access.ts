'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { errorState, okState } from '@/lib/ui/forms/action-state';
import { setAppAccessRule } from '@/lib/gateway/access/app-access';
import { sessionActor } from '@/lib/gateway/audit/actor';
import { ACCESS_RULES, ruleLabel } from '@/lib/gateway/access/rule-words';
import { orgAdminAction } from './role-guard';

// Checks the role itself and changes only apps of the org of the admin's session.

const AppId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const Rule = z.enum(ACCESS_RULES, { error: 'Choose who can open this app.' });
const MemberIds = z.array(z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Choose members from the list.')).max(1000, 'Choose at most 1000 members.');

const NOTHING_SAVED = 'Nothing was saved.';

/** The rule and the ticked members and groups, as the form shows them again after a refusal. */
const picks = (form: FormData, name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');
const accessValues = (form: FormData) => ({ rule: String(form.get('rule') ?? ''), members: picks(form, 'member').join(','), groups: picks(form, 'group').join(',') });

/** Sets the app's access rule ("Who can open this app") and its list of members. */
export const saveAppAccess = orgAdminAction(accessValues, async (admin, previous, form, values) => {
  const appId = AppId.safeParse(form.get('appId'));
  if (!appId.success) return errorState(previous, 'This app does not exist.', {}, values);
  const rule = Rule.safeParse(values.rule);
  if (!rule.success) return errorState(previous, NOTHING_SAVED, { rule: rule.error.issues[0]!.message }, values);
  const memberIds = MemberIds.safeParse(rule.data === 'members' ? picks(form, 'member') : []);
  if (!memberIds.success) return errorState(previous, NOTHING_SAVED, { members: memberIds.error.issues[0]!.message }, values);
  const groupIds = MemberIds.safeParse(rule.data === 'members' ? picks(form, 'group') : []);
  if (!groupIds.success) return errorState(previous, NOTHING_SAVED, { groups: 'Choose groups from the list.' }, values);

  const result = await setAppAccessRule({
    orgId: admin.orgId,
    appId: appId.data,
    rule: rule.data,
    memberIds: memberIds.data,
    groupIds: groupIds.data,
    actor: sessionActor(admin.viewer.id),
  });
  if (!result.ok && result.reason === 'not_found') return errorState(previous, `This app is not in ${admin.orgName}, or it was deleted.`, {}, values);
  if (!result.ok && result.reason === 'empty_list') {
    return errorState(previous, NOTHING_SAVED, { members: 'Choose at least one member or group, or choose “Admins only”.' }, values);
  }
  // A group of another org, or one deleted meanwhile: the same words whichever it was.
  if (!result.ok && result.reason === 'not_groups') return errorState(previous, `A chosen group is not one of ${admin.orgName}’s. ${NOTHING_SAVED}`, { groups: 'Choose only groups from the list.' }, values);
  if (!result.ok) {
    const who = result.ids.length === 1 ? `${result.ids[0]} is not a member` : `${result.ids.join(', ')} are not members`;
    return errorState(previous, `${who} of ${admin.orgName}. ${NOTHING_SAVED}`, { members: 'Choose only members of the org.' }, values);
  }
  // result.dropped: the members this change shuts out, for the revocation feed.
  revalidatePath('/admin/apps');
  revalidatePath(`/admin/apps/${appId.data}`);
  const { access, dropped } = result;
  const saved = `${result.changed ? 'Saved' : 'No change'}. Who can open it: ${ruleLabel(access.rule, [...access.listed.map((m) => m.name), ...access.groups.map((g) => `group ${g.displayName}`)])}.`;
  const shutOut = dropped.length ? ` No longer allowed: ${dropped.map((m) => m.name).join(', ')}.` : '';
  return okState(previous, saved + shutOut, undefined, {
    rule: access.rule,
    members: access.listed.map((m) => m.userId).join(','),
    groups: access.groups.map((g) => g.groupId).join(','),
  });
});
