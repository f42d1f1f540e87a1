import type { AnsiStyle } from './ansi-style.js';
import { CONTENT_INDENT } from './layout-summary-lines.js';
import type { NamedCheckTotals } from './merge-checks-by-name.js';

/**
 * `✓ name`, or `✗ name` with k6's `↳  50% — ✓ 5 / ✗ 5` split under it; `depth` indents it two spaces per
 * level, for a check inside a group.
 */
export function renderCheckLine(check: NamedCheckTotals, style: AnsiStyle, depth = 0): string[] {
  const indent = CONTENT_INDENT + '  '.repeat(depth);
  if (check.fails === 0) return [`${indent}${style.green('✓')} ${check.name}`];
  // Floor, so a check that failed once in a thousand does not read as 100%.
  const percent = Math.floor((100 * check.passes) / (check.passes + check.fails));
  return [
    `${indent}${style.red('✗')} ${check.name}`,
    `${indent}  ↳  ${percent}% — ${style.green('✓')} ${check.passes} / ${style.red('✗')} ${check.fails}`,
  ];
}
