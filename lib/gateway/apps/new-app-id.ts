import { randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A new app (run) id: `run_` + 22 base62 characters (about 131 random bits, no modulo bias). */
export function newAppId(): string {
  let id = 'run_';
  for (let i = 0; i < 22; i++) id += BASE62[randomInt(BASE62.length)];
  return id;
}
