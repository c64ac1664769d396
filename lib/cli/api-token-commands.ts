import { createApiToken, listApiTokens, revokeApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { refusal } from '@/lib/gateway/errors';
import { optional, positiveDays, required, subcommandFor, type Subcommand } from './args';
import { userByEmail } from './find-user';

const createUsage = 'api-token create --email <email> --org <orgId> [--expires-in-days <n>] [--name <text>] [--scope <scope> …]   scopes: mint (the default) and, for admins, management scopes';
const create = subcommandFor(
  'email',
  userByEmail,
  { usage: createUsage, options: { org: { type: 'string' }, 'expires-in-days': { type: 'string' }, name: { type: 'string' }, scope: { type: 'string', multiple: true } } },
  async ({ user }, values) => {
    const org = required(values, 'org', createUsage);
    const days = positiveDays(values, 'expires-in-days');
    const created = await createApiToken({
      userId: user.id,
      orgId: org,
      name: optional(values, 'name') ?? 'cli',
      expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
      scopes: values.scope as string[] | undefined,
    });
    console.log(`Created ${created.id} for ${user.email} in ${org} with scopes ${created.record.scopes.join(' ')}. The token is shown once:`);
    console.log(created.token);
  },
);

const list = subcommandFor('email', userByEmail, { usage: 'api-token list --email <email>' }, async ({ user }) => {
  for (const t of await listApiTokens(user.id)) {
    const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt < new Date() ? 'expired' : 'active';
    console.log([t.id, t.prefix + '…', t.orgId, t.scopes.join(' '), state, `created ${t.createdAt.toISOString()}`, `expires ${t.expiresAt?.toISOString() ?? 'never'}`, `last used ${t.lastUsedAt?.toISOString() ?? 'never'}`].join('  '));
  }
});

const revoke: Subcommand = {
  usage: 'api-token revoke <id>',
  positionals: ['id'],
  async run(_values, [id]) {
    if (!(await revokeApiToken(id!))) return refusal('not_found', `No active API token with id ${id}.`);
    console.log(`Revoked ${id}.`);
  },
};

export const apiTokenCommands = { create, list, revoke };
