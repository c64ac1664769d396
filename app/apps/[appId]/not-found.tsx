import { AppNotFound } from '@/app/_components/states';
import { RequestAccess } from './request-access';

// Unknown, deleted and other orgs' apps all look the same, and all offer to ask for access (the
// viewer is signed in here: a signed-out one is sent to sign in first).
export default function AppNotFoundPage() {
  return (
    <main className="container">
      <AppNotFound requestAccess={<RequestAccess />} />
    </main>
  );
}
