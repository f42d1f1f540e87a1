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

/** The verdict for a terminal or a CI log: headline, what was compared, an aligned table, then why. */
export function renderVerdictText(verdict: GateVerdict): string {
  const lines = [
    `baseline gate (${verdict.preset}): ${verdictHeadline(verdict)}`,
    `  baseline:   ${describeBaseline(verdict)}`,
    `  tolerances: ${describeTolerances(verdict)}`,
    '',
    ...alignColumns([[...VERDICT_TABLE_HEADER], ...verdictTableRows(verdict)]).map((line) => `  ${line}`),
  ];
  const vitals = vitalsTableRows(verdict);
  if (vitals.length > 0) {
    lines.push('', ...alignColumns([[...VITALS_TABLE_HEADER], ...vitals]).map((line) => `  ${line}`));
  }
  const failures = verdictFailures(verdict);
  if (failures.length > 0) lines.push('');
  for (const [what, why] of failures) lines.push(`  ✗ ${what}: ${why}`);
  if (verdict.warnings.length > 0) lines.push('');
  for (const warning of verdict.warnings) lines.push(`  ⚠ ${warning}`);
  return `${lines.join('\n')}\n`;
}

/** Left-aligned columns, two spaces apart, no trailing blanks. */
function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length)))
      .join('  ')
      .trimEnd(),
  );
}
