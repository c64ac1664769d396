import { activateNextKeyNow, ensureSigningKey, listKeys, revokeKey, rotateKeys } from '@/lib/gateway/keys/rotation';
import type { Subcommand } from './args';

const list: Subcommand = {
  usage: 'keys list',
  async run() {
    await ensureSigningKey();
    for (const k of await listKeys()) {
      console.log([k.kid, k.state, `created ${k.createdAt.toISOString()}`, `activates ${k.activatesAt.toISOString()}`, k.retireAt ? `retires ${k.retireAt.toISOString()}` : '', k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : ''].filter(Boolean).join('  '));
    }
  },
};

const rotate: Subcommand = {
  usage: 'keys rotate',
  async run() {
    const rotated = await rotateKeys();
    if (!rotated.ok) return rotated;
    console.log(`Published ${rotated.key.kid}; it starts signing at ${rotated.key.activatesAt.toISOString()} (run 'keys activate' to start now).`);
  },
};

const activate: Subcommand = {
  usage: 'keys activate',
  async run() {
    const activated = await activateNextKeyNow();
    if (!activated.ok) return activated;
    console.log(`${activated.key.kid} is now the signing key.`);
  },
};

const revoke: Subcommand = {
  usage: 'keys revoke <kid>',
  positionals: ['kid'],
  async run(_values, [kid]) {
    const revoked = await revokeKey(kid!);
    if (!revoked.ok) return revoked;
    console.log(`Revoked ${kid}; it is no longer published.${revoked.replacedBy ? ` New signing key: ${revoked.replacedBy}.` : ''}`);
  },
};

export const keysCommands = { list, rotate, activate, revoke };
