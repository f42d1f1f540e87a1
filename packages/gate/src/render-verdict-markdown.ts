import type { GateVerdict } from './gate-verdict.js';
import {
  describeBaseline,
  describeTolerances,
  VERDICT_TABLE_HEADER,
  VITALS_TABLE_HEADER,
  verdictFailures,
  verdictHeadline,
  verdictTableRows,
  vitalsTableRows,
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
  const failures = verdictFailures(verdict);
  for (const [what, why] of failures) lines.push(`- ❌ **${escapeMarkdown(what)}**: ${escapeMarkdown(why)}`);
  for (const warning of verdict.warnings) lines.push(`- ⚠️ ${escapeMarkdown(warning)}`);
  if (failures.length > 0 || verdict.warnings.length > 0) lines.push('');
  lines.push(...markdownTable([...VERDICT_TABLE_HEADER], verdictTableRows(verdict), (i) => i >= 2 && i <= 7));
  const vitals = vitalsTableRows(verdict);
  if (vitals.length > 0)
    lines.push('', ...markdownTable([...VITALS_TABLE_HEADER], vitals, (i) => i >= 2 && i <= 4));
  return `${lines.join('\n')}\n`;
}

/** A table with its header, the numeric columns right-aligned. */
function markdownTable(
  header: readonly string[],
  rows: readonly string[][],
  numeric: (i: number) => boolean,
): string[] {
  return [
    tableRow(header),
    `|${header.map((_, i) => (numeric(i) ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map(tableRow),
  ];
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.map(escapeMarkdown).join(' | ')} |`;
}

/** Request names are user text: keep `|`, `*`, `_`, `<` and friends from breaking the table or the page. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
