import { activateNextKeyNow, ensureSigningKey, KeyOperationError, listKeys, revokeKey, rotateKeys } from '@/lib/gateway/keys/rotation';

export async function runKeysCommand(argv: string[]): Promise<void> {
  const [sub, kid] = argv;
  if (sub === 'list') {
    await ensureSigningKey();
    for (const k of await listKeys()) {
      console.log([k.kid, k.state, `created ${k.createdAt.toISOString()}`, `activates ${k.activatesAt.toISOString()}`, k.retireAt ? `retires ${k.retireAt.toISOString()}` : '', k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : ''].filter(Boolean).join('  '));
    }
  } else if (sub === 'rotate') {
    const k = await rotateKeys();
    console.log(`Published ${k.kid}; it starts signing at ${k.activatesAt.toISOString()} (run 'keys activate' to start now).`);
  } else if (sub === 'activate') {
    const k = await activateNextKeyNow();
    console.log(`${k.kid} is now the signing key.`);
  } else if (sub === 'revoke' && kid) {
    const { replacedBy } = await revokeKey(kid);
    console.log(`Revoked ${kid}; it is no longer published.${replacedBy ? ` New signing key: ${replacedBy}.` : ''}`);
  } else {
    throw new KeyOperationError('Usage: keys list | keys rotate | keys activate | keys revoke <kid>');
  }
}
