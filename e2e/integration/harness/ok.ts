import type { Result } from '@/lib/gateway/errors';

/** What a use case made, for a test that needs it: a refusal there fails the test with its code and detail. */
export function ok<T extends object>(result: Result<T>): T {
  if (!result.ok) throw new Error(`refused (${result.code}): ${result.detail}`);
  return result;
}
