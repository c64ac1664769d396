import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA (axe has no separate 2.2 A tag). */
const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);
const NODES_SHOWN = 5;

/** One violation as a few readable lines: impact, rule, what it means, and where (frames included). */
function describe(v: Result): string {
  const nodes = v.nodes.slice(0, NODES_SHOWN).map((n) => {
    const why = (n.failureSummary ?? '').split('\n').slice(1, 3).map((s) => s.trim()).join(' ');
    return `    at ${JSON.stringify(n.target)} ${n.html.slice(0, 120)}\n       ${why}`;
  });
  const more = v.nodes.length > NODES_SHOWN ? [`    … and ${v.nodes.length - NODES_SHOWN} more`] : [];
  return [`[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length}×) ${v.helpUrl}`, ...nodes, ...more].join('\n');
}

/**
 * Runs axe on the page as it is now (its frames too, the artifact's included) with the WCAG 2.2 A+AA
 * rules, attaches every violation to the report, and fails on any serious or critical one. Every rule
 * still runs on every node; `allPasses` also returns each node that passed (auditedInsideFrame needs
 * them): on a large page (the API reference) that list alone took most of the audit's time. `within`
 * limits the audit to those parts of the page: for a state that changes only them, where another test
 * audits the rest of the same page whole; `rules`, to those rules (ids) instead of every WCAG 2.2 AA one.
 */
export async function expectAccessible(
  page: Page,
  testInfo: TestInfo,
  state: string,
  { allPasses = false, within = [] as string[], rules = null as string[] | null } = {},
): Promise<AxeResults> {
  // Legacy mode (axe.run in the page) where there is no frame to reach: the default mode hands every
  // node's partial result to a second page to finish, which took ~10 s on the API reference's 13k nodes.
  const framed = page.frames().length > 1;
  const audit = () => {
    const builder = new AxeBuilder({ page }).setLegacyMode(!framed);
    if (rules) builder.withRules(rules);
    else builder.withTags(WCAG_AA_TAGS);
    for (const selector of within) builder.include(selector);
    return (allPasses ? builder : builder.options({ resultTypes: ['violations'] })).analyze();
  };
  let results = await audit();
  // @axe-core/playwright gives a frame one second to evaluate axe's source and, past it, leaves the frame
  // out without a word: on a loaded machine (npm test beside other work, load ~28) the artifact's frame
  // was left out now and then. Where a test needs the frames audited, up to two more tries.
  for (let tries = 1; allPasses && framed && !auditedInsideFrame(results) && tries < 3; tries++) results = await audit();
  const violations = results.violations.map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.length }));
  await testInfo.attach(`axe: ${state}`, { body: JSON.stringify({ state, url: page.url(), violations }, null, 2), contentType: 'application/json' });
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  expect(blocking.map(describe), `serious or critical WCAG 2.2 AA violations on ${state} (${page.url()})`).toEqual([]);
  return results;
}

/** Whether axe looked inside a frame (its nodes there have a selector per frame level). */
export function auditedInsideFrame(results: AxeResults): boolean {
  return results.passes.some((rule) => rule.nodes.some((node) => node.target.length > 1));
}
