import { env } from '@/lib/platform/config/env';
import { secretsEqual } from '@/lib/platform/crypto/constant-time-equal';

/** Whether an Authorization header carries METRICS_TOKEN. Unset token → never. */
export function metricsAuthorized(authorization: string | null): boolean {
  const token = env().METRICS_TOKEN;
  if (!token) return false;
  const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  return secretsEqual(presented, token);
}
