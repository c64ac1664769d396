import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orgs } from '@/db/schema';
import { refusal, type Result } from '@/lib/gateway/errors';
import { createInvitation, listInvitations, revokeInvitation } from '@/lib/gateway/orgs/invitations';
import { optional, positiveDays, required, subcommandFor, UsageError } from './args';

async function existingOrg(id: string): Promise<Result<{ org: string }>> {
  const db = await getDb();
  const [exists] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, id));
  return exists ? { ok: true, org: id } : refusal('not_found', `No org with id ${id}.`);
}

const createUsage = 'invite create --org <orgId> --email <email> [--role admin|member] [--expires-in-days <n>]';
const create = subcommandFor('org', existingOrg, { usage: createUsage, options: { email: { type: 'string' }, role: { type: 'string' }, 'expires-in-days': { type: 'string' } } }, async ({ org }, values) => {
  const role = optional(values, 'role') ?? 'member';
  if (role !== 'admin' && role !== 'member') throw new UsageError('--role is admin or member.');
  const inv = await createInvitation({ orgId: org, email: required(values, 'email', createUsage), role, invitedBy: null, expiresInDays: positiveDays(values, 'expires-in-days') });
  if (!inv.ok) return inv;
  console.log(`Invited ${inv.email} to ${org} as ${inv.role} until ${inv.expiresAt.toISOString()} (${inv.id}). They accept it on their home page, or join when a verified sign-in first creates their account.`);
});

const list = subcommandFor('org', existingOrg, { usage: 'invite list --org <orgId>' }, async ({ org }) => {
  for (const i of await listInvitations(org)) console.log([i.id, i.email, i.role, i.state, `expires ${i.expiresAt.toISOString()}`].join('  '));
});

const revoke = subcommandFor('org', existingOrg, { usage: 'invite revoke <id> --org <orgId>', positionals: ['id'] }, async ({ org }, _values, [id]) => {
  if (!(await revokeInvitation(id!, org))) return refusal('not_found', `No pending invitation ${id} in ${org}.`);
  console.log(`Revoked ${id}.`);
});

const domainUsage = 'invite domain --org <orgId> --domain <domain|none>   (new users at that verified domain join as members)';
const domain = subcommandFor('org', existingOrg, { usage: domainUsage, options: { domain: { type: 'string' } } }, async ({ org }, values) => {
  const name = required(values, 'domain', domainUsage).trim().toLowerCase();
  if (name !== 'none' && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(name)) throw new UsageError('--domain must be a domain name like example.com, or none.');
  const db = await getDb();
  await db.update(orgs).set({ autoJoinDomain: name === 'none' ? null : name }).where(eq(orgs.id, org));
  console.log(name === 'none' ? `${org} has no domain rule.` : `New users with a verified @${name} email join ${org} as members.`);
});

export const inviteCommands = { create, list, revoke, domain };
