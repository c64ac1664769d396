'use client';

import { useActionState } from 'react';
import { idleState } from '@/lib/ui/forms/action-state';
import type { OrgMember } from '@/lib/gateway/orgs/org-members';
import type { AccessRule } from '@/lib/gateway/access/rule-words';
import { saveAppAccess } from '../../_actions/app-access';
import { FormMessage } from '../../_components/form-message';
import { SubmitRow } from '../../_components/submit-row';

type GroupChoice = { id: string; displayName: string; memberCount: number; source: string };
type Props = { appId: string; orgName: string; rule: AccessRule; listedIds: string[]; members: OrgMember[]; listedGroupIds: string[]; groups: GroupChoice[] };

const CHOICES: Array<{ rule: AccessRule; label: string; hint: string }> = [
  { rule: 'everyone', label: 'Everyone in the org', hint: 'Every member can open it (the default).' },
  { rule: 'admins', label: 'Admins only', hint: 'Members get “not found”, as if it did not exist.' },
  { rule: 'members', label: 'Admins and these members and groups', hint: 'Anyone not ticked below, nor in a ticked group, gets “not found”.' },
];

/** "Who can open this app": the rule, and the members it lists. Plain form controls: works without JavaScript too. */
export function AccessForm({ appId, orgName, rule, listedIds, members, listedGroupIds, groups }: Props) {
  const [state, action, pending] = useActionState(saveAppAccess, idleState({ rule, members: listedIds.join(','), groups: listedGroupIds.join(',') }));
  const chosen = state.values.rule || rule;
  const ticked = new Set((state.values.members ?? '').split(',').filter(Boolean));
  const tickedGroups = new Set((state.values.groups ?? '').split(',').filter(Boolean));
  const e = state.fieldErrors;
  return (
    <form action={action} key={state.seq} className="admin-stack" data-testid="app-access" noValidate>
      <input type="hidden" name="appId" value={appId} />
      <fieldset className="choice-group" aria-describedby={e.rule ? 'access-rule-error' : undefined}>
        <legend>Access rule</legend>
        {CHOICES.map((c) => (
          <label key={c.rule} className="choice">
            <input type="radio" name="rule" value={c.rule} defaultChecked={chosen === c.rule} data-testid={`access-rule-${c.rule}`} />
            <span>
              <span className="choice__label">{c.label}</span>
              <span className="field-hint">{c.hint}</span>
            </span>
          </label>
        ))}
        {e.rule ? (
          <span className="field-error" id="access-rule-error" role="alert">
            {e.rule}
          </span>
        ) : null}
      </fieldset>
      <fieldset className="choice-group" aria-describedby={e.members ? 'access-members-error' : 'access-members-hint'}>
        <legend>Members who can open it, with “Admins and these members and groups”</legend>
        <span className="field-hint" id="access-members-hint">
          Admins of {orgName} can always open it. Someone removed from {orgName} leaves this list at once.
        </span>
        <ul className="choice-list">
          {members.map((m) => (
            <li key={m.userId}>
              <label className="choice">
                <input type="checkbox" name="member" value={m.userId} defaultChecked={ticked.has(m.userId)} data-testid="access-member" data-email={m.email} />
                <span>
                  <span className="choice__label">{m.name}</span> <span className="field-hint">{m.email}{m.role === 'admin' ? ' · admin' : ''}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {e.members ? (
          <span className="field-error" id="access-members-error" data-testid="access-members-error" role="alert">
            {e.members}
          </span>
        ) : null}
      </fieldset>
      <fieldset className="choice-group" aria-describedby={e.groups ? 'access-groups-error' : 'access-groups-hint'}>
        <legend>Groups whose members can open it</legend>
        <span className="field-hint" id="access-groups-hint">
          {groups.length ? `Everyone in a ticked group can open it; someone who leaves the group loses it.` : `${orgName} has no groups yet: create them under Groups.`}
        </span>
        <ul className="choice-list">
          {groups.map((g) => (
            <li key={g.id}>
              <label className="choice">
                <input type="checkbox" name="group" value={g.id} defaultChecked={tickedGroups.has(g.id)} data-testid="access-group" data-group-name={g.displayName} />
                <span>
                  <span className="choice__label">{g.displayName}</span>{' '}
                  <span className="field-hint">
                    {g.memberCount} member{g.memberCount === 1 ? '' : 's'} · {g.source}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {e.groups ? (
          <span className="field-error" id="access-groups-error" data-testid="access-groups-error" role="alert">
            {e.groups}
          </span>
        ) : null}
      </fieldset>
      <FormMessage state={state} testId="app-access" />
      <SubmitRow pending={pending} label="Save who can open it" pendingLabel="Saving…" />
    </form>
  );
}
