import type { ReactNode } from 'react';
import '../admin/admin.css';

// Settings share the console's tables and forms.
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return <main className="container">{children}</main>;
}
