import { GatewayError } from '../errors';

/** A query parameter given at most once (null when absent); twice is a 400. */
export function oneParam(query: URLSearchParams, name: string): string | null {
  const values = query.getAll(name);
  if (values.length > 1) throw new GatewayError('invalid_request', `Send \`${name}\` at most once.`);
  return values[0] ?? null;
}

/** `limit`: a whole number from 1 to `max`, `fallback` when absent; anything else is a 400. */
export function limitParam(query: URLSearchParams, fallback: number, max: number): number {
  const text = oneParam(query, 'limit');
  if (text === null) return fallback;
  const n = /^[1-9][0-9]{0,5}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) throw new GatewayError('invalid_request', `\`limit\` must be a whole number from 1 to ${max}.`);
  return n;
}
