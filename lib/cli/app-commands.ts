import { OPERATOR } from '@/lib/gateway/audit/actor';
import { findAppAccess, orgMembersByEmail, setAppAccessRule, type AppAccess } from '@/lib/gateway/access/app-access';
import { refusal, type Refusal, type Result } from '@/lib/gateway/errors';
import { ACCESS_RULES, ruleLabel } from '@/lib/gateway/access/rule-words';
import { appExchangeCommands } from './app-exchange-commands';
import { appHostingCommands } from './app-hosting-commands';
import type { Subcommand } from './args';

const USAGE = 'Usage: app access <appId> everyone|admins|members [--email <email> ...] [--group <groupId> ...]';

function printAccess(a: AppAccess): void {
  console.log(`${a.appId}  “${a.title}”  org ${a.orgId}`);
  console.log(`Who can open it: ${ruleLabel(a.rule, [...a.listed.map((m) => m.email), ...a.groups.map((g) => `group ${g.displayName}`)])}`);
  for (const m of a.listed) console.log(['  listed', m.userId, m.email, m.name].join('  '));
  for (const g of a.groups) console.log(['  group', g.groupId, g.displayName, g.source].join('  '));
}

const noApp = (appId: string) => refusal('not_found', `No app with id ${appId} (or it was deleted).`);

async function appAccess(appId: string): Promise<Result<{ access: AppAccess }>> {
  const access = await findAppAccess(appId, null);
  return access ? { ok: true, access } : noApp(appId);
}

/** `app show <appId>`: the app and who can open it. */
async function showApp(appId: string): Promise<void | Refusal> {
  const found = await appAccess(appId);
  if (!found.ok) return found;
  printAccess(found.access);
}

/** `app access <appId> <rule> [--email ...] [--group ...]`: sets who can open it; audited as a change without a user. */
async function setAppAccessFromCli(appId: string, rule: string, rawEmails: string[], rawGroups: string[]): Promise<void | Refusal> {
  const found = await appAccess(appId);
  if (!found.ok) return found;
  const { access } = found;
  if (!ACCESS_RULES.includes(rule as never)) return refusal('invalid_request', `The rule is one of ${ACCESS_RULES.join(', ')}. ${USAGE}`);
  const emails = rawEmails.map((e) => e.trim()).filter(Boolean);
  const groupIds = rawGroups.map((g) => g.trim()).filter(Boolean);
  if (rule !== 'members' && (emails.length || groupIds.length)) return refusal('invalid_request', `--email and --group go with members only; ${rule} lists nobody.`);
  if (rule === 'members' && !emails.length && !groupIds.length) {
    return refusal('invalid_request', 'Name at least one member or group: app access <appId> members --email <email> ... --group <groupId> ...');
  }

  const { ids, unknown } = await orgMembersByEmail(access.orgId, emails);
  if (unknown.length) return refusal('invalid_request', `Not a member of ${access.orgId}: ${unknown.join(', ')}. Nothing was changed.`);
  const result = await setAppAccessRule({ orgId: access.orgId, appId: access.appId, rule: rule as AppAccess['rule'], memberIds: ids, groupIds, actor: OPERATOR });
  if (!result.ok && result.reason === 'not_members') return refusal('conflict', `No longer members of ${access.orgId}: ${result.ids.join(', ')}. Nothing was changed.`);
  if (!result.ok && result.reason === 'not_groups') return refusal('invalid_request', `No group of ${access.orgId}: ${result.ids.join(', ')}. Nothing was changed.`);
  if (!result.ok) return noApp(access.appId);
  console.log(result.changed ? 'Saved.' : 'No change.');
  printAccess(result.access);
  // result.dropped: the members this change shuts out, for the revocation feed.
  for (const m of result.dropped) console.log(['  no longer allowed', m.userId, m.email, m.name].join('  '));
}

const show: Subcommand = {
  usage: 'app show <appId>   the app and who can open it',
  positionals: ['appId'],
  run: async (_values, [appId]) => showApp(appId!),
};

const access: Subcommand = {
  usage: 'app access <appId> everyone|admins|members [--email <email> ...] [--group <groupId> ...]   set who can open it (admins always can)',
  options: { email: { type: 'string', multiple: true }, group: { type: 'string', multiple: true } },
  positionals: ['appId', 'rule'],
  run: async (values, [appId, rule]) => setAppAccessFromCli(appId!, rule!, (values.email as string[] | undefined) ?? [], (values.group as string[] | undefined) ?? []),
};

export const appCommands = { show, access, ...appHostingCommands, ...appExchangeCommands };
