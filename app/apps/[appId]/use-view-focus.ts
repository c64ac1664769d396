'use client';

import { useEffect, useRef, type RefObject } from 'react';

/** Where a new view starts: a state card's heading, or a banner's title that marks itself. */
const VIEW_START = '.state-card__title, [data-view-focus]';

/**
 * Moves focus when the viewer's content is replaced and focus was lost with it (left on the body):
 * to the heading of the card that says why the app is not shown (an error, the switch offer, not
 * found), or else, if the user was working in the viewer (they pressed "Try again" or "Switch"), to
 * the artifact's frame once it opens. Focus the user placed anywhere else is never moved; focus this
 * hook placed on a view's heading moves on with the next view.
 */
export function useViewFocus(section: RefObject<HTMLElement | null>, view: string): void {
  const wasInside = useRef(false);
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      wasInside.current = section.current?.contains(event.target as Node) ?? false;
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [section]);

  useEffect(() => {
    const root = section.current;
    const active = document.activeElement;
    // A view start this hook focused earlier (e.g. the loading card's heading) hands focus on too.
    const handedOn = active instanceof HTMLElement && root?.contains(active) && active.matches(VIEW_START);
    if (!root || (active && active !== document.body && !handedOn)) return;
    const start = root.querySelector<HTMLElement>(VIEW_START);
    (start ?? (wasInside.current ? root.querySelector<HTMLElement>('iframe') : null))?.focus();
  }, [section, view]);
}
