import { forbidden, redirect } from 'next/navigation';
import { BackToApps, StateCard } from '@/app/_components/states';
import { signInUrl } from '@/lib/auth/callback-url';
import type { RoleRefusal } from '@/lib/auth/require-role';

export type ForbiddenReason = Exclude<RoleRefusal['reason'], 'signed_out'>;

const TEXT: Record<ForbiddenReason, { title: string; body: string }> = {
  no_org: {
    title: 'You are not acting in an organization',
    body: 'The admin console shows one organization at a time: the one you act in. Choose an organization you administer in the header.',
  },
  not_admin: {
    title: 'Admins only',
    body: 'This part of the console is for admins of the organization you are acting in. Ask one of its admins if you need access.',
  },
  not_platform_admin: {
    title: 'Platform admins only',
    body: 'Signing keys and the platform log concern every organization on this gateway, so only platform admins can see them.',
  },
};

/**
 * Refuses a console page: a signed-out visitor goes to sign-in and back; anyone else gets an HTTP
 * 403 with the nearest forbidden.tsx (app/admin/forbidden.tsx, or app/admin/keys/forbidden.tsx).
 */
export function refuse(refusal: RoleRefusal, path: string): never {
  if (refusal.reason === 'signed_out') redirect(signInUrl(path));
  forbidden();
}

/** The console's 403 page: says why, shows nothing else. */
export function ForbiddenCard({ reason }: { reason: ForbiddenReason }) {
  const { title, body } = TEXT[reason];
  return (
    <StateCard
      testId="forbidden"
      tone="bad"
      icon="403"
      title={title}
      actions={<BackToApps />}
    >
      <p>{body}</p>
      <p className="mono">403 Forbidden</p>
    </StateCard>
  );
}
