import { currentViewer } from '@/lib/auth/current-viewer';
import { requireOrgAdmin } from '@/lib/auth/require-role';
import { refuse } from './_components/forbidden';
import { sectionsFor } from './_components/sections';

// GET /admin — the console's overview: a card for each section the viewer may open (the same list as the tabs)
export default async function AdminHome() {
  const admin = await requireOrgAdmin();
  const viewer = await currentViewer();
  const platform = viewer?.isPlatformAdmin === true;
  if (!admin.ok && !platform) refuse(admin, '/admin');
  return (
    <div className="admin-grid" data-testid="admin-overview">
      {sectionsFor(admin.ok, platform).map((s) => (
        <a key={s.href} href={s.href} className="panel" data-testid="admin-section-card">
          <h2 className="panel__title">{s.title}</h2>
          <p className="panel__hint">{s.text}</p>
        </a>
      ))}
    </div>
  );
}
