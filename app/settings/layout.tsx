import type { ReactNode } from 'react';
import '../admin/admin.css';
import { SettingsNav } from './_components/settings-nav';

// Settings share the console's tables and forms.
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <main className="container">
      <SettingsNav />
      {children}
    </main>
  );
}
