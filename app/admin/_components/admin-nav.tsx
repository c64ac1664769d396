'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** `count`: a number shown beside the label (the pending access requests). */
export type AdminTab = { href: string; label: string; count?: number };

export function AdminNav({ tabs, label = 'Admin console', testId = 'admin-nav' }: { tabs: AdminTab[]; label?: string; testId?: string }) {
  const pathname = usePathname();
  return (
    <nav className="admin-tabs" aria-label={label} data-testid={testId}>
      {tabs.map((tab) => {
        const current = tab.href === '/admin' ? pathname === '/admin' : pathname.startsWith(tab.href);
        return (
          <Link key={tab.href} href={tab.href} aria-current={current ? 'page' : undefined}>
            {tab.label}
            {tab.count ? (
              <span className="badge badge--brand tab-count" data-testid="tab-count">
                {tab.count}
                <span className="visually-hidden"> waiting</span>
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
