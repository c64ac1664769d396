import type { z } from 'zod';

/**
 * What a form's server action answers, for `useActionState`: a message for the whole form, one
 * message per field, and the submitted values so a refused form keeps what was typed.
 * `seq` counts submissions; forms use it as their React key to show the answer's values.
 */
export type ActionState<T = undefined> = {
  status: 'idle' | 'ok' | 'error';
  message: string | null;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
  seq: number;
  data?: T;
};

export function idleState<T = undefined>(values: Record<string, string> = {}): ActionState<T> {
  return { status: 'idle', message: null, fieldErrors: {}, values, seq: 0 };
}

export function okState<T>(previous: ActionState<T>, message: string, data?: T, values: Record<string, string> = {}): ActionState<T> {
  return { status: 'ok', message, fieldErrors: {}, values, seq: previous.seq + 1, data };
}

export function errorState<T>(
  previous: ActionState<T>,
  message: string,
  fieldErrors: Record<string, string> = {},
  values: Record<string, string> = previous.values,
): ActionState<T> {
  return { status: 'error', message, fieldErrors, values, seq: previous.seq + 1 };
}

/** The first message for each top-level field of a failed zod parse. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

/** The named text fields of a form, as strings (files and missing fields become ''), each bounded. */
export function formValues(form: FormData, names: readonly string[], max = 4096): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = form.get(name);
    out[name] = typeof v === 'string' ? v.slice(0, max) : '';
  }
  return out;
}
