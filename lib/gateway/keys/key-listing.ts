import type { KeyState } from './key-states';
import { listKeys } from './rotation';

/** A signing key as the console shows it: public facts only, never the sealed private key. */
export type KeyListing = {
  kid: string;
  alg: string;
  state: KeyState;
  createdAt: Date;
  activatesAt: Date;
  retireAt: Date | null;
  revokedAt: Date | null;
};

export async function listKeysForConsole(): Promise<KeyListing[]> {
  return (await listKeys()).map((k) => ({
    kid: k.kid,
    alg: k.alg,
    state: k.state,
    createdAt: k.createdAt,
    activatesAt: k.activatesAt,
    retireAt: k.retireAt,
    revokedAt: k.revokedAt,
  }));
}
