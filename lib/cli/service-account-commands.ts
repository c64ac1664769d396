import { OPERATOR } from '@/lib/gateway/audit/actor';
import {
  createServiceAccount,
  issueServiceAccountToken,
  listServiceAccounts,
  revokeServiceAccount,
  revokeServiceAccountToken,
  type ServiceAccountRefusal,
} from '@/lib/gateway/service-accounts/service-accounts';
import { LIVE_TOKENS_PER_ACCOUNT } from '@/lib/gateway/service-accounts/service-account-input';
import { refusal, type Refusal } from '@/lib/gateway/errors';
import { optional, required, UsageError, type Subcommand, type Values } from './args';

const iso = (d: Date | null) => (d ? d.toISOString() : 'never');

/** --expires-in-days as a whole number, or undefined (the domain checks the range and says so). */
function days(values: Values): number | undefined {
  const v = optional(values, 'expires-in-days');
  if (v === undefined) return undefined;
  if (!/^\d{1,4}$/.test(v.trim())) throw new UsageError('--expires-in-days must be a whole number of days, from 1 to 365.');
  return Number(v);
}

/** The domain's refusal as a code of the table, with what the CLI says; `missing` names what was not found. */
function refused(r: ServiceAccountRefusal, missing: string): Refusal {
  if (r.reason === 'invalid') return refusal('invalid_request', Object.values(r.errors).join('\n'));
  if (r.reason === 'token_limit') return refusal('conflict', `The service account already has ${LIVE_TOKENS_PER_ACCOUNT} live tokens: revoke one first (service-account revoke <token id>).`);
  return refusal('not_found', `No ${missing}.`);
}

const create: Subcommand = {
  usage: 'service-account create --org <orgId> --name <text> --scope <scope> [--scope …] [--expires-in-days <n>]   prints the token as its last line',
  options: { org: { type: 'string' }, name: { type: 'string' }, scope: { type: 'string', multiple: true }, 'expires-in-days': { type: 'string' } },
  async run(values) {
    const org = required(values, 'org', create.usage);
    const scopes = (values.scope as string[] | undefined) ?? [];
    const created = await createServiceAccount({ orgId: org, name: required(values, 'name', create.usage), scopes, expiresInDays: days(values), actor: OPERATOR });
    if (!created.ok) return refused(created, `organization ${org}`);
    const { account, token } = created;
    console.log(`Created service account ${account.id} “${account.name}” in ${org} with scopes ${account.scopes.join(' ')}.`);
    console.log(`Token ${token.id} expires ${token.expiresAt.toISOString()}. It is shown once:`);
    console.log(token.token);
  },
};

const list: Subcommand = {
  usage: 'service-account list --org <orgId>',
  options: { org: { type: 'string' } },
  async run(values) {
    for (const a of await listServiceAccounts(required(values, 'org', list.usage))) {
      const state = a.revokedAt ? 'revoked' : 'active';
      const by = a.createdBy ? `by ${a.createdBy.name}` : 'by the CLI';
      console.log([a.id, a.name, a.scopes.join(' '), state, `created ${iso(a.createdAt)} ${by}`, `last used ${iso(a.lastUsedAt)}`].join('  '));
      for (const t of a.tokens) console.log(['  token', t.id, `${t.prefix}…`, t.state, `expires ${iso(t.expiresAt)}`, `last used ${iso(t.lastUsedAt)}`].join('  '));
    }
  },
};

const rotate: Subcommand = {
  usage: 'service-account rotate <id> [--expires-in-days <n>]   a second token for the account; prints it as its last line',
  options: { 'expires-in-days': { type: 'string' } },
  positionals: ['id'],
  async run(values, [id]) {
    const issued = await issueServiceAccountToken({ orgId: null, serviceAccountId: id!, expiresInDays: days(values), actor: OPERATOR });
    if (!issued.ok) return refused(issued, `live service account ${id}`);
    console.log(`Token ${issued.token.id} for ${id} expires ${issued.token.expiresAt.toISOString()}. Revoke the old one once it is replaced. It is shown once:`);
    console.log(issued.token.token);
  },
};

const revoke: Subcommand = {
  usage: 'service-account revoke <id>   a service account (sa_…, with all its tokens) or one token (sat_…)',
  positionals: ['id'],
  async run(_values, [id]) {
    const done = id!.startsWith('sat_')
      ? await revokeServiceAccountToken({ orgId: null, tokenId: id!, actor: OPERATOR })
      : await revokeServiceAccount({ orgId: null, serviceAccountId: id!, actor: OPERATOR });
    if (!done) return refusal('not_found', `No active service account or token with id ${id}.`);
    console.log(`Revoked ${id}.`);
  },
};

export const serviceAccountCommands = { create, list, rotate, revoke };
