import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orgs } from '@/db/schema';
import { createInvitation, InvitationError, listInvitations, revokeInvitation } from '@/lib/gateway/orgs/invitations';
import { optional, positiveDays, required, UsageError, type Subcommand } from './args';

async function existingOrg(id: string): Promise<string> {
  const db = await getDb();
  const [exists] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, id));
  if (!exists) throw new InvitationError(`No org with id ${id}.`);
  return id;
}

const create: Subcommand = {
  usage: 'invite create --org <orgId> --email <email> [--role admin|member] [--expires-in-days <n>]',
  options: { org: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, 'expires-in-days': { type: 'string' } },
  async run(values) {
    const org = await existingOrg(required(values, 'org', create.usage));
    const role = optional(values, 'role') ?? 'member';
    if (role !== 'admin' && role !== 'member') throw new UsageError('--role is admin or member.');
    const inv = await createInvitation({ orgId: org, email: required(values, 'email', create.usage), role, invitedBy: null, expiresInDays: positiveDays(values, 'expires-in-days') });
    console.log(`Invited ${inv.email} to ${org} as ${inv.role} until ${inv.expiresAt.toISOString()} (${inv.id}). They accept it on their home page, or join when a verified sign-in first creates their account.`);
  },
};

const list: Subcommand = {
  usage: 'invite list --org <orgId>',
  options: { org: { type: 'string' } },
  async run(values) {
    const org = await existingOrg(required(values, 'org', list.usage));
    for (const i of await listInvitations(org)) console.log([i.id, i.email, i.role, i.state, `expires ${i.expiresAt.toISOString()}`].join('  '));
  },
};

const revoke: Subcommand = {
  usage: 'invite revoke <id> --org <orgId>',
  options: { org: { type: 'string' } },
  positionals: ['id'],
  async run(values, [id]) {
    const org = await existingOrg(required(values, 'org', revoke.usage));
    if (!(await revokeInvitation(id!, org))) throw new InvitationError(`No pending invitation ${id} in ${org}.`);
    console.log(`Revoked ${id}.`);
  },
};

const domain: Subcommand = {
  usage: 'invite domain --org <orgId> --domain <domain|none>   (new users at that verified domain join as members)',
  options: { org: { type: 'string' }, domain: { type: 'string' } },
  async run(values) {
    const org = await existingOrg(required(values, 'org', domain.usage));
    const name = required(values, 'domain', domain.usage).trim().toLowerCase();
    if (name !== 'none' && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(name)) throw new UsageError('--domain must be a domain name like example.com, or none.');
    const db = await getDb();
    await db.update(orgs).set({ autoJoinDomain: name === 'none' ? null : name }).where(eq(orgs.id, org));
    console.log(name === 'none' ? `${org} has no domain rule.` : `New users with a verified @${name} email join ${org} as members.`);
  },
};

export const inviteCommands = { create, list, revoke, domain };
