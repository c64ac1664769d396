import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Secrets kept in the database (signing keys, webhook secrets) are sealed with AES-256-GCM under a key
// derived by HKDF-SHA256 from a master secret (APP_TOKEN_KEY_SECRET), the purpose as salt and the
// owning row's id as info; the id is also the additional data, so a sealed value copied onto another
// row, or into another purpose, does not open. Stored as `v1.iv.ciphertext.tag` (base64url), the
// format signing keys and webhook secrets were sealed in before they shared this module.

type SealedSecrets = {
  seal(plain: string, id: string, masterSecret: string): string;
  /** Throws when the value is not `v1.iv.ciphertext.tag`, or does not open under this purpose, id and secret. */
  open(sealed: string, id: string, masterSecret: string): string;
};

const VERSION = 'v1';
/** GCM would otherwise accept a tag cut down to 4 bytes. */
const TAG_BYTES = 16;

/** Sealing and opening for one purpose, e.g. `app-gateway/signing-key`. */
export function sealedSecrets(purpose: string): SealedSecrets {
  const keyFor = (masterSecret: string, id: string) => Buffer.from(hkdfSync('sha256', masterSecret, purpose, id, 32));
  return {
    seal(plain, id, masterSecret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyFor(masterSecret, id), iv);
      cipher.setAAD(Buffer.from(id));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed, id, masterSecret) {
      const [version, iv, body, tag, extra] = sealed.split('.');
      if (version !== VERSION || !iv || !body || !tag || extra !== undefined) throw new Error(`unrecognized sealed ${purpose} format`);
      const decipher = createDecipheriv('aes-256-gcm', keyFor(masterSecret, id), Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
