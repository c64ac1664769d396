import { useActionState } from 'react';
import { idleState, type ActionState } from '@/lib/ui/forms/action-state';

/**
 * A console form's server action, its fields starting from `initial`: `form` for `ConsoleForm`, the
 * latest answer (`state`), and the values and field errors that answer carries for the fields.
 */
export function useConsoleForm<T = undefined>(action: (previous: ActionState<T>, form: FormData) => Promise<ActionState<T>>, initial: Record<string, string> = {}) {
  const form = useActionState(action, idleState<T>(initial));
  const [state] = form;
  return { form, state, values: state.values, errors: state.fieldErrors };
}
