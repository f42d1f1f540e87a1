import type { GateVerdict } from './gate-verdict.js';
import {
  allRows,
  describeBaseline,
  describeTolerances,
  rowTitle,
  VERDICT_TABLE_HEADER,
  verdictHeadline,
  verdictTableRows,
} from './verdict-table.js';

/**
 * The verdict as GitHub-flavoured Markdown, for `$GITHUB_STEP_SUMMARY` or a pull-request comment:
 * headline, what failed, the table, and comparability warnings.
 */
export function renderVerdictMarkdown(verdict: GateVerdict): string {
  const icon = verdict.status === 'pass' ? '✅' : '❌';
  const lines = [
    `### ${icon} FPT baseline gate: ${escapeMarkdown(verdictHeadline(verdict))}`,
    '',
    `Preset **${escapeMarkdown(verdict.preset)}** against ${escapeMarkdown(describeBaseline(verdict))}.`,
    `Tolerances: ${escapeMarkdown(describeTolerances(verdict))}.`,
    '',
  ];
  const regressed = allRows(verdict).filter((row) => row.status === 'regression');
  for (const row of regressed) {
    for (const failure of row.failures)
      lines.push(`- ❌ **${escapeMarkdown(rowTitle(row))}**: ${escapeMarkdown(failure)}`);
  }
  for (const warning of verdict.warnings) lines.push(`- ⚠️ ${escapeMarkdown(warning)}`);
  if (regressed.length > 0 || verdict.warnings.length > 0) lines.push('');
  const table = [[...VERDICT_TABLE_HEADER], ...verdictTableRows(verdict)];
  lines.push(
    tableRow(table[0]!),
    `|${table[0]!.map((_, i) => (i >= 2 && i <= 7 ? ' ---: ' : ' --- ')).join('|')}|`,
  );
  for (const row of table.slice(1)) lines.push(tableRow(row));
  return `${lines.join('\n')}\n`;
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.map(escapeMarkdown).join(' | ')} |`;
}

/** Request names are user text: keep `|`, `*`, `_`, `<` and friends from breaking the table or the page. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
