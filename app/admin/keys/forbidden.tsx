import { ForbiddenCard } from '../_components/forbidden';

// The 403 page of /admin/keys: its only refusal (for a signed-in viewer) is not being a platform admin.
export default function KeysForbidden() {
  return <ForbiddenCard reason="not_platform_admin" />;
}
