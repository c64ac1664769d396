import { AppNotFound } from '@/app/_components/states';

// Unknown, deleted and other orgs' apps all look the same.
export default function AppNotFoundPage() {
  return (
    <main className="container">
      <AppNotFound />
    </main>
  );
}
