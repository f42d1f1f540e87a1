import type { AnsiStyle } from './ansi-style.js';
import { CONTENT_INDENT } from './layout-summary-lines.js';
import type { NamedCheckTotals } from './merge-checks-by-name.js';

/** `✓ name`, or `✗ name` with k6's `↳  50% — ✓ 5 / ✗ 5` split under it. */
export function renderCheckLine(check: NamedCheckTotals, style: AnsiStyle): string[] {
  if (check.fails === 0) return [`${CONTENT_INDENT}${style.green('✓')} ${check.name}`];
  // Floor, so a check that failed once in a thousand does not read as 100%.
  const percent = Math.floor((100 * check.passes) / (check.passes + check.fails));
  return [
    `${CONTENT_INDENT}${style.red('✗')} ${check.name}`,
    `${CONTENT_INDENT}  ↳  ${percent}% — ${style.green('✓')} ${check.passes} / ${style.red('✗')} ${check.fails}`,
  ];
}
