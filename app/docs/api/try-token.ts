'use client';

import { useSyncExternalStore } from 'react';

// The bearer token pasted into any "Try it" panel of the page, shared by all of them so it is pasted
// once. It lives in this page's memory only: never in storage, a URL or a cookie.

let token = '';
const listeners = new Set<() => void>();

export function setTryToken(value: string) {
  token = value;
  for (const l of listeners) l();
}

export function useTryToken(): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => token,
    () => '',
  );
}
