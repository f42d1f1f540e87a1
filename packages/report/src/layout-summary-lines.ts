import type { AnsiStyle } from './ansi-style.js';
import type { SummaryLine } from './summary-line.js';

// k6 pads names with dots to 35 columns; longer names widen every row instead of breaking alignment.
const MIN_LABEL_WIDTH = 35;
const MIN_DOTS = 3;
export const CONTENT_INDENT = '    ';

/** Turns summary lines into text: dotted labels to one width, aligned cells to per-block column widths. */
export function layoutSummaryLines(lines: readonly SummaryLine[], style: AnsiStyle): string[] {
  let labelWidth = MIN_LABEL_WIDTH;
  const columnWidths = new Map<string, number[]>();
  for (const line of lines) {
    if (typeof line === 'string') continue;
    labelWidth = Math.max(labelWidth, line.label.length + MIN_DOTS);
    if (!line.aligned) continue;
    let widths = columnWidths.get(line.block);
    if (widths === undefined) {
      widths = [];
      columnWidths.set(line.block, widths);
    }
    line.cells.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return lines.map((line) => {
    if (typeof line === 'string') return line;
    const dots = '.'.repeat(labelWidth - line.label.length);
    const widths = columnWidths.get(line.block) ?? [];
    const cells = line.aligned
      ? line.cells.map((cell, i) => (i === line.cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      : line.cells;
    return `${CONTENT_INDENT}${line.label}${style.dim(dots)}: ${cells.join(' ')}`.trimEnd();
  });
}
