import type { z } from 'zod';
import type { FieldError } from '../errors';

/** A JSON Pointer (RFC 6901) into the request body, as a URI fragment: `#/access/members/0`. */
const pointerOf = (path: readonly PropertyKey[]): string => `#${path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;

/** Every problem zod found, one per field (its first), unknown fields each named on their own. */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    const detail = issue.code === 'unrecognized_keys' ? 'Unknown field.' : issue.message;
    for (const path of paths) {
      const pointer = pointerOf(path);
      if (!errors.some((e) => e.pointer === pointer)) errors.push({ pointer, detail });
    }
  }
  return errors;
}
