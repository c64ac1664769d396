import { ApiTokenError, createApiToken, listApiTokens, revokeApiToken } from '@/lib/auth/api-tokens';
import { findUserByEmail } from '@/lib/auth/user-queries';
import { parseArgs } from './args';

async function userByEmail(email: string | undefined) {
  if (!email) throw new ApiTokenError('Pass --email <email>.');
  const user = await findUserByEmail(email);
  if (!user) throw new ApiTokenError(`No user with email ${email}.`);
  return user;
}

export async function runApiTokenCommand(argv: string[]): Promise<void> {
  const { flags, positional } = parseArgs(argv);
  const [sub, id] = positional;
  if (sub === 'create') {
    const user = await userByEmail(flags.get('email'));
    const org = flags.get('org');
    if (!org) throw new ApiTokenError('Pass --org <orgId>.');
    const days = flags.has('expires-in-days') ? Number(flags.get('expires-in-days')) : null;
    if (days !== null && !(days > 0)) throw new ApiTokenError('--expires-in-days must be a positive number.');
    const created = await createApiToken({
      userId: user.id,
      orgId: org,
      name: flags.get('name') ?? 'cli',
      expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
    });
    console.log(`Created ${created.id} for ${user.email} in ${org}. The token is shown once:`);
    console.log(created.token);
  } else if (sub === 'list') {
    const user = await userByEmail(flags.get('email'));
    for (const t of await listApiTokens(user.id)) {
      const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt < new Date() ? 'expired' : 'active';
      console.log([t.id, t.prefix + '…', t.orgId, state, `created ${t.createdAt.toISOString()}`, `expires ${t.expiresAt?.toISOString() ?? 'never'}`, `last used ${t.lastUsedAt?.toISOString() ?? 'never'}`].join('  '));
    }
  } else if (sub === 'revoke' && id) {
    if (!(await revokeApiToken(id))) throw new ApiTokenError(`No active API token with id ${id}.`);
    console.log(`Revoked ${id}.`);
  } else {
    throw new ApiTokenError('Usage: api-token create --email <e> --org <id> | api-token list --email <e> | api-token revoke <id>');
  }
}
