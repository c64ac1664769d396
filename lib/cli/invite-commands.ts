import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orgs } from '@/db/schema';
import { refusal, type Result } from '@/lib/gateway/errors';
import { createInvitation, listInvitations, revokeInvitation } from '@/lib/gateway/orgs/invitations';
import { optional, positiveDays, required, UsageError, type Subcommand } from './args';

async function existingOrg(id: string): Promise<Result<{ org: string }>> {
  const db = await getDb();
  const [exists] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, id));
  return exists ? { ok: true, org: id } : refusal('not_found', `No org with id ${id}.`);
}

const create: Subcommand = {
  usage: 'invite create --org <orgId> --email <email> [--role admin|member] [--expires-in-days <n>]',
  options: { org: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, 'expires-in-days': { type: 'string' } },
  async run(values) {
    const found = await existingOrg(required(values, 'org', create.usage));
    if (!found.ok) return found;
    const { org } = found;
    const role = optional(values, 'role') ?? 'member';
    if (role !== 'admin' && role !== 'member') throw new UsageError('--role is admin or member.');
    const inv = await createInvitation({ orgId: org, email: required(values, 'email', create.usage), role, invitedBy: null, expiresInDays: positiveDays(values, 'expires-in-days') });
    if (!inv.ok) return inv;
    console.log(`Invited ${inv.email} to ${org} as ${inv.role} until ${inv.expiresAt.toISOString()} (${inv.id}). They accept it on their home page, or join when a verified sign-in first creates their account.`);
  },
};

const list: Subcommand = {
  usage: 'invite list --org <orgId>',
  options: { org: { type: 'string' } },
  async run(values) {
    const found = await existingOrg(required(values, 'org', list.usage));
    if (!found.ok) return found;
    for (const i of await listInvitations(found.org)) console.log([i.id, i.email, i.role, i.state, `expires ${i.expiresAt.toISOString()}`].join('  '));
  },
};

const revoke: Subcommand = {
  usage: 'invite revoke <id> --org <orgId>',
  options: { org: { type: 'string' } },
  positionals: ['id'],
  async run(values, [id]) {
    const found = await existingOrg(required(values, 'org', revoke.usage));
    if (!found.ok) return found;
    const { org } = found;
    if (!(await revokeInvitation(id!, org))) return refusal('not_found', `No pending invitation ${id} in ${org}.`);
    console.log(`Revoked ${id}.`);
  },
};

const domain: Subcommand = {
  usage: 'invite domain --org <orgId> --domain <domain|none>   (new users at that verified domain join as members)',
  options: { org: { type: 'string' }, domain: { type: 'string' } },
  async run(values) {
    const found = await existingOrg(required(values, 'org', domain.usage));
    if (!found.ok) return found;
    const { org } = found;
    const name = required(values, 'domain', domain.usage).trim().toLowerCase();
    if (name !== 'none' && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(name)) throw new UsageError('--domain must be a domain name like example.com, or none.');
    const db = await getDb();
    await db.update(orgs).set({ autoJoinDomain: name === 'none' ? null : name }).where(eq(orgs.id, org));
    console.log(name === 'none' ? `${org} has no domain rule.` : `New users with a verified @${name} email join ${org} as members.`);
  },
};

export const inviteCommands = { create, list, revoke, domain };
