'use client';

import { useEffect, useRef } from 'react';

type Props = {
  appId: string;
  orgName: string;
  /** The signed-in person (not a member of the app's org), or null when signed out. */
  person: { name: string } | null;
};

/**
 * A public app opened by someone outside its org. Signed out, they open it as an anonymous guest
 * at once (the form submits itself; without JavaScript it is one click). Signed in, they choose:
 * as themselves ("Continue as <name>") or anonymously. Either way a same-origin POST starts the
 * guest session and comes back here.
 */
export function PublicGuestChoice({ appId, orgName, person }: Props) {
  const anonymous = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!person) anonymous.current?.requestSubmit();
  }, [person]);
  const action = `/apps/${encodeURIComponent(appId)}/guest`;
  return (
    <div className="state-card" data-testid="public-guest-choice">
      <p>This app is public: {orgName} lets anyone open it, as a guest.</p>
      <div className="form-actions">
        {person ? (
          <form method="post" action={action}>
            <input type="hidden" name="as" value="me" />
            <button type="submit" className="btn btn--primary" data-testid="public-continue-as-me">
              Continue as {person.name}
            </button>
          </form>
        ) : null}
        <form method="post" action={action} ref={anonymous}>
          <input type="hidden" name="as" value="guest" />
          <button type="submit" className={`btn ${person ? 'btn--secondary' : 'btn--primary'}`} data-testid="public-continue-as-guest">
            {person ? 'Continue as guest' : 'Open as guest'}
          </button>
        </form>
      </div>
    </div>
  );
}
