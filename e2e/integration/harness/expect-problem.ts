import { expect } from 'vitest';
import { ERRORS } from '@/lib/platform/http/problem';

/** A refusal as the contract says: status and code from the error table, problem+json, no-store, the request id as instance. */
export async function expectProblem(res: Response, code: keyof typeof ERRORS) {
  expect(res.status).toBe(ERRORS[code].status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status: ERRORS[code].status, code, title: ERRORS[code].title });
  expect(typeof body.type).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.instance).toBe(`urn:uuid:${res.headers.get('x-request-id')}`);
  return body;
}
