import { StateCard } from './_components/states';

export default function NotFound() {
  return (
    <main className="container">
      <StateCard
        testId="page-not-found"
        icon="?"
        title="Page not found"
        actions={
          <a className="btn btn--primary" href="/">
            Back to your apps
          </a>
        }
      >
        <p>There is nothing at this address.</p>
      </StateCard>
    </main>
  );
}
