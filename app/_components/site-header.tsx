import Link from 'next/link';
import { currentViewer } from '@/lib/auth/current-viewer';
import { canOpenAdmin } from '@/lib/auth/require-role';
import { OrgSwitcher } from './org-switcher';
import { SignOutButton } from './sign-out-button';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

// Not prefetched: each prefetch renders a whole dynamic page on the server, on every page view,
// right when the viewer is minting and loading its artifact.
export async function SiteHeader() {
  const viewer = await currentViewer();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" prefetch={false} className="brand" aria-label="App Gateway home">
          {/* The mark's letters are drawn by CSS: as text they would be visible words missing from the link's name. */}
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">App Gateway</span>
        </Link>
        {viewer ? (
          <nav className="site-header__right" aria-label="Account">
            {viewer.memberships.length > 0 ? (
              <OrgSwitcher
                activeOrgId={viewer.activeOrgId}
                orgs={viewer.memberships.map((m) => ({ id: m.orgId, name: m.orgName, role: m.role }))}
              />
            ) : null}
            {canOpenAdmin(viewer) ? (
              <Link href="/admin" prefetch={false} className="btn btn--ghost" data-testid="admin-link">
                Admin
              </Link>
            ) : null}
            <Link href="/docs/api" prefetch={false} className="btn btn--ghost" data-testid="api-docs-link">
              API
            </Link>
            <Link href="/settings/tokens" prefetch={false} className="btn btn--ghost" data-testid="tokens-link">
              API tokens
            </Link>
            <div className="user-chip" data-testid="user-chip">
              <span className="avatar" aria-hidden="true">{initials(viewer.name)}</span>
              <span className="user-chip__text">
                <span className="user-chip__name" data-testid="user-name">{viewer.name}</span>
                <span className="user-chip__email">{viewer.email}</span>
              </span>
            </div>
            <SignOutButton />
          </nav>
        ) : null}
      </div>
    </header>
  );
}
