import { currentViewer } from '@/lib/auth/current-viewer';
import { requireOrgAdmin } from '@/lib/auth/require-role';
import { refuse } from './_components/forbidden';

export const dynamic = 'force-dynamic';

const SECTIONS = [
  { href: '/admin/apps', title: 'Apps', text: 'Register, edit and delete your organization’s apps; see when each was last opened.' },
  { href: '/admin/test-mint', title: 'Test mint', text: 'Mint a token as yourself through the real endpoint and see it verified.' },
  { href: '/admin/inspect', title: 'Token inspector', text: 'Paste any token: every check, with the reason, against this gateway’s keys.' },
  { href: '/admin/audit', title: 'Audit log', text: 'Every mint and every refusal in your organization; filter and export as CSV.' },
  { href: '/admin/members', title: 'Members', text: 'Who is in your organization, with which role. Changes apply at the next mint.' },
  { href: '/admin/invitations', title: 'Invitations', text: 'Invite an email with a role: they accept or decline it on their home page. Revoke a pending one.' },
];

// GET /admin — the console's overview: the sections the viewer may open
export default async function AdminHome() {
  const admin = await requireOrgAdmin();
  const viewer = await currentViewer();
  const platform = viewer?.isPlatformAdmin === true;
  if (!admin.ok && !platform) refuse(admin, '/admin');
  const sections = [
    ...(admin.ok ? SECTIONS : []),
    ...(platform ? [{ href: '/admin/keys', title: 'Signing keys', text: 'Rotate, activate and revoke the keys every token is signed with.' }] : []),
  ];
  return (
    <div className="admin-grid" data-testid="admin-overview">
      {sections.map((s) => (
        <a key={s.href} href={s.href} className="panel">
          <h2 className="panel__title">{s.title}</h2>
          <p className="panel__hint">{s.text}</p>
        </a>
      ))}
    </div>
  );
}
