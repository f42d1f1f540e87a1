import type { AnsiStyle } from './ansi-style.js';
import { flattenGroups } from './flatten-groups.js';
import { CONTENT_INDENT } from './layout-summary-lines.js';
import { renderCheckLine } from './render-check-line.js';
import type { SummaryGroup } from './summary-data.js';

/**
 * The check lines of a run with groups, as k6 prints them: the checks outside any group first, then each
 * group as a `█ name` heading with its checks under it, a group inside another indented below it. A group
 * with no check in it or in its inner groups is left out: this is the list of checks.
 */
export function renderGroupedCheckLines(root: SummaryGroup, style: AnsiStyle): string[] {
  const lines = root.checks.flatMap((check) => renderCheckLine(check, style));
  for (const { group, depth } of flattenGroups(root)) {
    if (!holdsChecks(group)) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`${CONTENT_INDENT}${'  '.repeat(depth)}${style.bold(`█ ${group.name}`)}`);
    for (const check of group.checks) lines.push(...renderCheckLine(check, style, depth + 1));
  }
  return lines;
}

function holdsChecks(group: SummaryGroup): boolean {
  return group.checks.length > 0 || group.groups.some(holdsChecks);
}
