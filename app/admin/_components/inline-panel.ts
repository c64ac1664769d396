import { useEffect, useRef, useState } from 'react';
import type { ActionState } from '@/lib/ui/forms/action-state';

/**
 * A panel a button opens in place (a confirmation, the new-token form), over an action's answers: open
 * until an answer after its opening succeeds. Focus follows it: into `focusRef` when it opens (and back
 * there after a refusal, as its buttons were disabled while working), back to `triggerRef` when it
 * closes, unless a success shows something that takes focus itself (`successTakesFocus`).
 */
export function useInlinePanel<F extends HTMLElement, T>(state: ActionState<T>, successTakesFocus = false) {
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const open = openedAt !== null && !(state.status === 'ok' && state.seq > openedAt);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const focusRef = useRef<F>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) focusRef.current?.focus();
    else if (wasOpen.current && !(successTakesFocus && state.status === 'ok')) triggerRef.current?.focus();
    wasOpen.current = open;
  }, [open, state.seq, state.status, successTakesFocus]);
  /** An answer to this opening (not to an earlier one). */
  const answered = openedAt !== null && state.seq > openedAt;
  return { open, answered, show: () => setOpenedAt(state.seq), hide: () => setOpenedAt(null), triggerRef, focusRef };
}
