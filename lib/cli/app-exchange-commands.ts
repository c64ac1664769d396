import { OPERATOR } from '@/lib/gateway/audit/actor';
import { listAppAllowances, removeAppAllowance, setAppAllowance } from '@/lib/gateway/exchange/allowances';
import { createAppCredential, listAppCredentials, LIVE_CREDENTIALS_PER_APP, MAX_CREDENTIAL_DAYS, revokeAppCredential } from '@/lib/gateway/exchange/credentials';
import { disableProxyActing, enableProxyActing } from '@/lib/gateway/exchange/proxy-credential';
import { optional, required, UsageError, type Subcommand, type Values } from './args';
import { refusal } from '@/lib/gateway/errors';

// What an app may do for its viewer, and its client secrets (SPEC §17). The CLI is the operator on
// the database host: any org's app.

const iso = (d: Date | null) => (d ? d.toISOString() : 'never');

const allow: Subcommand = {
  usage: 'app allow <appId> --resource <resourceId> --scope <scope> [--scope …] [--guests]   the scopes it may ask for as its viewer (replaces what it had there)',
  options: { resource: { type: 'string' }, scope: { type: 'string', multiple: true }, guests: { type: 'boolean' } },
  positionals: ['appId'],
  async run(values, [appId]) {
    const resourceId = required(values, 'resource', allow.usage);
    const scopes = (values.scope as string[] | undefined) ?? [];
    if (scopes.length === 0) throw new UsageError(`Pass --scope at least once.\nUsage: ${allow.usage}`);
    const result = await setAppAllowance({ appId: appId!, resourceId, scopes, guests: values.guests === true, orgId: null, actor: OPERATOR });
    if (!result.ok) {
      if (result.reason === 'invalid') return refusal('invalid_request', result.message);
      if (result.reason === 'scopes_not_offered') return refusal('invalid_request', `${resourceId} does not offer ${result.scopes.join(', ')}. Nothing was changed.`);
      if (result.reason === 'app_not_found') return refusal('not_found', `No app with id ${appId} (or it was deleted).`);
      return refusal('not_found', `No resource ${resourceId} (resource list).`);
    }
    const { allowance } = result;
    console.log(result.changed ? 'Saved.' : 'No change.');
    console.log(`${appId} may act for its viewer on ${allowance.resourceId} with ${allowance.scopes.join(' ')}${allowance.guests ? ', guests too' : ', members only'}.`);
    if (result.revoked) console.log('What it may no longer do was revoked: its live tokens are refused from the next feed poll.');
  },
};

const disallow: Subcommand = {
  usage: 'app disallow <appId> --resource <resourceId>   take away everything it may do there (its live tokens are revoked)',
  options: { resource: { type: 'string' } },
  positionals: ['appId'],
  async run(values, [appId]) {
    const resourceId = required(values, 'resource', disallow.usage);
    if (!(await removeAppAllowance({ appId: appId!, resourceId, orgId: null, actor: OPERATOR }))) return refusal('not_found', `${appId} is allowed nothing on ${resourceId}.`);
    console.log(`${appId} may no longer act for its viewer on ${resourceId}; its live tokens are revoked.`);
  },
};

const allowances: Subcommand = {
  usage: 'app allowances <appId>   what it may do for its viewer, resource by resource',
  positionals: ['appId'],
  async run(_values, [appId]) {
    for (const a of await listAppAllowances(appId!)) console.log([a.resourceId, a.scopes.join(' '), a.guests ? 'guests too' : 'members only'].join('  '));
  },
};

function days(values: Values): number | undefined {
  const v = optional(values, 'expires-in-days');
  if (v === undefined) return undefined;
  if (!/^\d{1,4}$/.test(v.trim())) throw new UsageError(`--expires-in-days must be a whole number of days, from 1 to ${MAX_CREDENTIAL_DAYS}.`);
  return Number(v);
}

const credentialCreate: Subcommand = {
  usage: 'app credential create <appId> [--expires-in-days <n>]   a client secret for the token endpoint (client_id = the app id); prints it as its last line',
  options: { 'expires-in-days': { type: 'string' } },
  positionals: ['appId'],
  async run(values, [appId]) {
    const created = await createAppCredential({ appId: appId!, orgId: null, expiresInDays: days(values), actor: OPERATOR });
    if (!created.ok) {
      if (created.reason === 'invalid') return refusal('invalid_request', created.message);
      if (created.reason === 'credential_limit') return refusal('conflict', `${appId} already has ${LIVE_CREDENTIALS_PER_APP} live client secrets: revoke one first (app credential revoke <id>).`);
      return refusal('not_found', `No app with id ${appId} (or it was deleted).`);
    }
    console.log(`Client secret ${created.id} for client_id ${appId}, expires ${created.expiresAt.toISOString()}. It is shown once:`);
    console.log(created.secret);
  },
};

const credentialList: Subcommand = {
  usage: 'app credential list <appId>   one line per client secret, its id first',
  positionals: ['appId'],
  async run(_values, [appId]) {
    for (const c of await listAppCredentials(appId!, null)) {
      const state = c.revokedAt ? 'revoked' : c.live ? 'live' : 'expired';
      const line = [c.id, `${c.prefix}…`, state, `created ${iso(c.createdAt)}`, `expires ${iso(c.expiresAt)}`, `last used ${iso(c.lastUsedAt)}`];
      if (c.proxyResourceId) line.push(`the artifact proxy's, for ${c.proxyResourceId}`);
      console.log(line.join('  '));
    }
  },
};

const credentialRevoke: Subcommand = {
  usage: 'app credential revoke <id>   the secret stops working and the app’s live tokens are revoked',
  positionals: ['id'],
  async run(_values, [id]) {
    const revoked = await revokeAppCredential({ id: id!, orgId: null, actor: OPERATOR });
    if (!revoked) return refusal('not_found', `No live client secret ${id}.`);
    console.log(`Revoked ${id} of ${revoked.appId}; the app's live tokens are revoked.`);
  },
};

const proxyActs: Subcommand = {
  usage:
    'app proxy-acts <appId> (--resource <resourceId> [--expires-in-days <n>] | --off)   the artifact proxy injects the viewer’s access token for that resource (a credential only the proxy holds), or stops',
  options: { resource: { type: 'string' }, off: { type: 'boolean' }, 'expires-in-days': { type: 'string' } },
  positionals: ['appId'],
  async run(values, [appId]) {
    const resourceId = optional(values, 'resource');
    if ((resourceId === undefined) === (values.off !== true)) throw new UsageError(`Give --resource or --off.\nUsage: ${proxyActs.usage}`);
    if (values.off === true) {
      if (!(await disableProxyActing({ appId: appId!, orgId: null, actor: OPERATOR }))) return refusal('not_found', `The artifact proxy does not act for ${appId}'s viewers.`);
      console.log(`The artifact proxy no longer acts for ${appId}'s viewers; its credential is revoked, and the app's live tokens with it.`);
      return;
    }
    const on = await enableProxyActing({ appId: appId!, orgId: null, resourceId: resourceId!, expiresInDays: days(values), actor: OPERATOR });
    if (!on.ok) {
      if (on.reason === 'invalid') return refusal('invalid_request', on.message);
      if (on.reason === 'not_proxied') return refusal('invalid_request', `${appId} is not served by the artifact proxy (app set-url --upstream-url).`);
      if (on.reason === 'not_allowed') return refusal('invalid_request', `${appId} is allowed nothing on ${resourceId}: app allow first.`);
      return refusal('not_found', `No app with id ${appId} (or it was deleted).`);
    }
    console.log(`The artifact proxy acts for ${appId}'s viewers on ${on.resourceId} with credential ${on.credentialId}, expires ${on.expiresAt.toISOString()}.`);
    if (on.replaced) console.log('Its credential before was revoked, and the app’s live tokens with it.');
  },
};

const credential: Subcommand = {
  usage: [credentialCreate, credentialList, credentialRevoke].map((c) => c.usage).join('\n  '),
  run: async () => {},
  subcommands: { create: credentialCreate, list: credentialList, revoke: credentialRevoke },
};

export const appExchangeCommands = { allow, disallow, allowances, credential, 'proxy-acts': proxyActs };
