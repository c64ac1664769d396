import { ForbiddenCard } from '../_components/forbidden';

// The 403 page of /admin/platform-log: its only refusal (for a signed-in viewer) is not being a platform admin.
export default function PlatformLogForbidden() {
  return <ForbiddenCard reason="not_platform_admin" />;
}
