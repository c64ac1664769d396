import { AdminNav } from '@/app/admin/_components/admin-nav';

const TABS = [
  { href: '/settings/tokens', label: 'API tokens' },
  { href: '/settings/sessions', label: 'Sessions' },
];

/** The settings pages' tabs (the console's tab bar, with its own label). */
export function SettingsNav() {
  return <AdminNav tabs={TABS} label="Settings" testId="settings-nav" />;
}
