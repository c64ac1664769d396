import { BackToApps, StateCard } from './_components/states';

export default function NotFound() {
  return (
    <main className="container">
      <StateCard
        testId="page-not-found"
        icon="?"
        title="Page not found"
        actions={<BackToApps />}
      >
        <p>There is nothing at this address.</p>
      </StateCard>
    </main>
  );
}
