import type { ReactNode } from 'react';
import '../admin/admin.css';
import { SettingsNav } from './_components/settings-nav';

// Every settings page reads the session at request time.
export const dynamic = 'force-dynamic';

// Settings share the console's tables and forms.
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <main className="container">
      <SettingsNav />
      {children}
    </main>
  );
}
