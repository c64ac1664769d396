import { OPERATOR } from '@/lib/gateway/audit/actor';
import { addResource, listResources, removeResource } from '@/lib/gateway/exchange/resources';
import type { Subcommand } from './args';
import { refusal } from '@/lib/gateway/errors';

// Resources the gateway issues access tokens for (SPEC §17): the platform admin's, so the CLI's
// operator on the database host.

const add: Subcommand = {
  usage: 'resource add <resourceId> --scope <scope> [--scope …]   register a platform API the token exchange issues access tokens for',
  options: { scope: { type: 'string', multiple: true } },
  positionals: ['resourceId'],
  async run(values, [id]) {
    const added = await addResource({ id: id!, scopes: (values.scope as string[] | undefined) ?? [], actor: OPERATOR });
    if (!added.ok && added.reason === 'invalid') return refusal('invalid_request', `${added.message}\nUsage: ${add.usage}`);
    if (!added.ok && added.reason === 'exists') return refusal('conflict', `A resource ${id} already exists (resource list).`);
    if (!added.ok) return refusal('id_taken', `${id} is an app's id: a resource id never equals an app id.`);
    console.log(`${added.restored ? 'Restored' : 'Added'} resource ${added.id} with scopes ${added.scopes.join(' ')}.`);
  },
};

const list: Subcommand = {
  usage: 'resource list   one line per resource: its id, scopes and how many apps are allowed on it',
  async run() {
    for (const r of await listResources()) console.log([r.id, r.scopes.join(' '), `${r.allowedApps} app${r.allowedApps === 1 ? '' : 's'} allowed`, `added ${r.createdAt.toISOString()}`].join('  '));
  },
};

const remove: Subcommand = {
  usage: 'resource remove <resourceId>   every allowance on it goes and its access tokens are revoked',
  positionals: ['resourceId'],
  async run(_values, [id]) {
    if (!(await removeResource({ id: id!, actor: OPERATOR }))) return refusal('not_found', `No resource ${id}.`);
    console.log(`Removed resource ${id}; its allowances are gone and its access tokens revoked.`);
  },
};

export const resourceCommands = { add, list, remove };
