'use client';

import { signOutAction } from '@/app/_actions/auth';
import { announceSignOut } from './session-channel';

/** The header's sign-out: tells the browser's other tabs first (onSubmit runs before the action). */
export function SignOutButton() {
  return (
    <form action={signOutAction} onSubmit={announceSignOut}>
      <button type="submit" className="btn btn--ghost" data-testid="sign-out">
        Sign out
      </button>
    </form>
  );
}
