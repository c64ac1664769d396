import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Kept = { AUTH_SECRET: string; APP_TOKEN_KEY_SECRET: string };

/** Secrets generated on first start and kept beside the embedded database (file mode 0600). */
export function loadEmbeddedSecrets(pgliteDir: string): Kept {
  const file = path.join(path.dirname(path.resolve(pgliteDir)), `${path.basename(pgliteDir)}.secrets.json`);
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<Kept>;
    if (kept.AUTH_SECRET && kept.APP_TOKEN_KEY_SECRET) return kept as Kept;
  }
  const fresh: Kept = {
    AUTH_SECRET: randomBytes(48).toString('base64url'),
    APP_TOKEN_KEY_SECRET: randomBytes(48).toString('base64url'),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch {
    // Another process wrote it first: use theirs.
    return JSON.parse(readFileSync(file, 'utf8')) as Kept;
  }
}
