'use client';

import { StateCard } from './_components/states';

// Shown when a page fails to render (the database not answering, say). No error details: those are in the server log.
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="container">
      <StateCard
        testId="page-error"
        tone="bad"
        icon="!"
        title="Something went wrong"
        actions={
          <button type="button" className="btn btn--primary" onClick={() => reset()}>
            Try again
          </button>
        }
      >
        <p>The gateway could not load this page. Please try again in a moment.</p>
      </StateCard>
    </main>
  );
}
