import { ForbiddenCard } from '../_components/forbidden';

// The 403 page of /admin/resources: its only refusal (for a signed-in viewer) is not being a platform admin.
export default function ResourcesForbidden() {
  return <ForbiddenCard reason="not_platform_admin" />;
}
