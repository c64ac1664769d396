import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/platform/config/env';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Whether an Authorization header carries METRICS_TOKEN. Unset token → never. Both sides are
 * hashed first so the comparison takes the same time whatever the header's length or content.
 */
export function metricsAuthorized(authorization: string | null): boolean {
  const token = env().METRICS_TOKEN;
  if (!token) return false;
  const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(token));
}
