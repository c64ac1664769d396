import { OPERATOR } from '@/lib/gateway/audit/actor';
import { AccessRuleError, findAppAccess, orgMembersByEmail, setAppAccessRule, type AppAccess } from '@/lib/gateway/access/app-access';
import { ACCESS_RULES, ruleLabel } from '@/lib/gateway/access/rule-words';
import { appExchangeCommands } from './app-exchange-commands';
import { appHostingCommands } from './app-hosting-commands';
import type { Subcommand } from './args';

const USAGE = 'Usage: app access <appId> everyone|admins|members [--email <email> ...]';

function printAccess(a: AppAccess): void {
  console.log(`${a.appId}  “${a.title}”  org ${a.orgId}`);
  console.log(`Who can open it: ${ruleLabel(a.rule, a.listed.map((m) => m.email))}`);
  for (const m of a.listed) console.log(['  listed', m.userId, m.email, m.name].join('  '));
}

async function appAccess(appId: string): Promise<AppAccess> {
  const access = await findAppAccess(appId, null);
  if (!access) throw new AccessRuleError(`No app with id ${appId} (or it was deleted).`);
  return access;
}

/** `app show <appId>`: the app and who can open it. */
export async function showApp(appId: string): Promise<void> {
  printAccess(await appAccess(appId));
}

/** `app access <appId> <rule> [--email ...]`: sets who can open it; audited as a change without a user. */
export async function setAppAccessFromCli(appId: string, rule: string, rawEmails: string[]): Promise<void> {
  const access = await appAccess(appId);
  if (!ACCESS_RULES.includes(rule as never)) throw new AccessRuleError(`The rule is one of ${ACCESS_RULES.join(', ')}. ${USAGE}`);
  const emails = rawEmails.map((e) => e.trim()).filter(Boolean);
  if (rule !== 'members' && emails.length) throw new AccessRuleError(`--email goes with members only; ${rule} lists nobody.`);
  if (rule === 'members' && !emails.length) throw new AccessRuleError('Name at least one member: app access <appId> members --email <email> [--email <email> ...]');

  const { ids, unknown } = await orgMembersByEmail(access.orgId, emails);
  if (unknown.length) throw new AccessRuleError(`Not a member of ${access.orgId}: ${unknown.join(', ')}. Nothing was changed.`);
  const result = await setAppAccessRule({ orgId: access.orgId, appId: access.appId, rule: rule as AppAccess['rule'], memberIds: ids, actor: OPERATOR });
  if (!result.ok && result.reason === 'not_members') throw new AccessRuleError(`No longer members of ${access.orgId}: ${result.ids.join(', ')}. Nothing was changed.`);
  if (!result.ok) throw new AccessRuleError(`No app with id ${access.appId} (or it was deleted).`);
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
  usage: 'app access <appId> everyone|admins|members [--email <email> ...]   set who can open it (admins always can)',
  options: { email: { type: 'string', multiple: true } },
  positionals: ['appId', 'rule'],
  run: async (values, [appId, rule]) => setAppAccessFromCli(appId!, rule!, (values.email as string[] | undefined) ?? []),
};

export const appCommands = { show, access, ...appHostingCommands, ...appExchangeCommands };
