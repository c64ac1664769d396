import type { AccessRule } from '@/db/schema';
import { ruleLabel } from '../access/rule-words';

type Columns = {
  title: string;
  workflowId: string;
  access: 'login_required' | 'public';
  artifactUrl: string | null;
  upstreamUrl: string | null;
  accessRule: AccessRule;
};

const hosting = (c: Columns) =>
  c.upstreamUrl !== null ? `served by the artifact proxy from ${c.upstreamUrl}` : c.artifactUrl !== null ? `artifact at ${c.artifactUrl}` : 'artifact still being built';
const visibility = (v: Columns['access']) => (v === 'public' ? 'public' : 'login required');

/**
 * The audit log's account of an app registered (`before` null) or saved: what it is, or what
 * changed (null when nothing did). Access-rule changes are audited on their own (access_rule_changed).
 */
export function appChangeDetail(before: Columns | null, after: Columns & { listedCount: number | null }): string | null {
  if (before === null) {
    const who = ruleLabel(after.accessRule, after.listedCount ? [`${after.listedCount} listed member${after.listedCount === 1 ? '' : 's'}`] : []);
    return `Registered “${after.title}” (workflow ${after.workflowId}; ${hosting(after)}; ${visibility(after.access)}; who can open: ${who})`;
  }
  const changes: string[] = [];
  if (before.title !== after.title) changes.push(`title “${before.title}” → “${after.title}”`);
  if (before.workflowId !== after.workflowId) changes.push(`workflow ${before.workflowId} → ${after.workflowId}`);
  if (hosting(before) !== hosting(after)) changes.push(`${hosting(before)} → ${hosting(after)}`);
  if (before.access !== after.access) changes.push(`${visibility(before.access)} → ${visibility(after.access)}`);
  return changes.length ? `Saved: ${changes.join('; ')}` : null;
}
