import type { AccessRule } from '@/db/schema';

export type { AccessRule };

export const ACCESS_RULES = ['everyone', 'admins', 'members'] as const satisfies readonly AccessRule[];

/** The rule in a few words, as the console, the CLI and the audit log say it. */
export function ruleLabel(rule: AccessRule, listed: readonly string[] = []): string {
  if (rule === 'everyone') return 'everyone in the org';
  if (rule === 'admins') return 'admins only';
  return listed.length ? `admins and ${listed.join(', ')}` : 'admins and no listed member';
}

/** The audit log's account of a rule change: what it was, what it is now. */
export function ruleChangeDetail(before: { rule: AccessRule; listed: string[] }, after: { rule: AccessRule; listed: string[] }): string {
  return `Who can open: ${ruleLabel(before.rule, before.listed)} → ${ruleLabel(after.rule, after.listed)}`;
}

/** What another member of the org would get from the mint; null when the rule lets every member in. */
export function restrictionNote(rule: AccessRule, listedCount: number): string | null {
  if (rule === 'everyone') return null;
  if (rule === 'admins') return 'This app is restricted to admins: members would get not found.';
  const who = listedCount === 1 ? '1 listed member' : `${listedCount} listed members`;
  return `This app is restricted to admins and ${who}: any other member would get not found.`;
}
