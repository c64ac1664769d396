import { demoProxiedRuns, demoRuns, demoWorkflows } from '@/lib/gateway/demo/demo-world';

// The demo platform API's data (SPEC §17): the demo world's runs (SPEC §7) and who started each —
// something the AI platform knows and the gateway does not store.
const STARTED_BY: Record<string, string> = {
  run_acme_dashboard: 'usr_alice',
  run_acme_public: 'usr_alice',
  run_acme_building: 'usr_alice',
  run_acme_plain: 'usr_alice',
  run_acme_onboarding: 'usr_carol',
  run_globex_tracker: 'usr_carol',
};

export interface PlatformRun {
  id: string;
  title: string;
  workflow_id: string;
  workflow: string;
  status: 'ready' | 'building';
}

const allRuns = [...demoRuns, ...demoProxiedRuns.map((r) => ({ ...r, ready: true }))];

/** The runs `sub` started in `orgId`: both must match, so a token of one org never shows a person's runs in another. */
export function runsStartedBy(sub: string, orgId: string): PlatformRun[] {
  return allRuns
    .filter((r) => r.orgId === orgId && STARTED_BY[r.id] === sub)
    .map((r) => ({
      id: r.id,
      title: r.title,
      workflow_id: r.workflowId,
      workflow: demoWorkflows.find((w) => w.id === r.workflowId)?.name ?? r.workflowId,
      status: r.ready ? 'ready' : 'building',
    }));
}
