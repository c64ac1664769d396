import { requireOrgAdmin } from '@/lib/auth/require-role';
import { ForbiddenCard } from './_components/forbidden';

// The 403 page of the console's org pages, shown when a page calls refuse(). A forbidden.tsx gets no
// props, so it reads the reason again from the same check the page made (the viewer is memoized per
// request, so both see the same answer). Next.js also renders it, unshown, with every admin page.
export default async function AdminForbidden() {
  const admin = await requireOrgAdmin();
  return <ForbiddenCard reason={!admin.ok && admin.reason === 'no_org' ? 'no_org' : 'not_admin'} />;
}
