'use client';

import './globals.css';

// Replaces the whole document when the root layout itself fails (e.g. the database is down while
// the header looks up the viewer). No error details: those are in the server log.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main className="container">
          <section className="state-card state-card--bad" data-testid="page-error">
            <div className="state-card__icon" aria-hidden="true">
              !
            </div>
            <h1 className="state-card__title">The gateway is having trouble</h1>
            <div className="state-card__body">
              <p>This page could not be loaded. Please try again in a moment.</p>
            </div>
            <div className="state-card__actions">
              <button type="button" className="btn btn--primary" onClick={() => reset()}>
                Try again
              </button>
            </div>
          </section>
        </main>
      </body>
    </html>
  );
}
