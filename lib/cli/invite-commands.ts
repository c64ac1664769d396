import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orgs } from '@/db/schema';
import { createInvitation, InvitationError, listInvitations, revokeInvitation } from '@/lib/auth/invitations';
import { parseArgs } from './args';

const USAGE = 'Usage: invite create --org <id> --email <e> [--role admin|member] [--expires-in-days <n>] | invite list --org <id> | invite revoke <id> --org <id> | invite domain --org <id> --domain <domain|none>';

export async function runInviteCommand(argv: string[]): Promise<void> {
  const { flags, positional } = parseArgs(argv);
  const [sub, id] = positional;
  const org = flags.get('org');
  if (!org) throw new InvitationError(USAGE);
  const db = await getDb();
  const [exists] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, org));
  if (!exists) throw new InvitationError(`No org with id ${org}.`);
  if (sub === 'create') {
    const role = flags.get('role') ?? 'member';
    if (role !== 'admin' && role !== 'member') throw new InvitationError('--role is admin or member.');
    const days = flags.has('expires-in-days') ? Number(flags.get('expires-in-days')) : undefined;
    const inv = await createInvitation({ orgId: org, email: flags.get('email') ?? '', role, invitedBy: null, expiresInDays: days });
    console.log(`Invited ${inv.email} to ${org} as ${inv.role} until ${inv.expiresAt.toISOString()} (${inv.id}). They accept it on their home page, or join when a verified sign-in first creates their account.`);
  } else if (sub === 'list') {
    for (const i of await listInvitations(org)) console.log([i.id, i.email, i.role, i.state, `expires ${i.expiresAt.toISOString()}`].join('  '));
  } else if (sub === 'revoke' && id) {
    if (!(await revokeInvitation(id, org))) throw new InvitationError(`No pending invitation ${id} in ${org}.`);
    console.log(`Revoked ${id}.`);
  } else if (sub === 'domain') {
    const domain = (flags.get('domain') ?? '').trim().toLowerCase();
    if (!domain) throw new InvitationError(USAGE);
    if (domain !== 'none' && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) throw new InvitationError('--domain must be a domain name like example.com, or none.');
    await db.update(orgs).set({ autoJoinDomain: domain === 'none' ? null : domain }).where(eq(orgs.id, org));
    console.log(domain === 'none' ? `${org} has no domain rule.` : `New users with a verified @${domain} email join ${org} as members.`);
  } else {
    throw new InvitationError(USAGE);
  }
}
