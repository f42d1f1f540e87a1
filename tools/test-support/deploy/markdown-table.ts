/**
 * The body rows of the first Markdown table after a heading line (e.g. "## Configuration"), as trimmed
 * cells. `file` only names the document in the errors.
 */
export function tableAfter(text: string, heading: string, file: string): string[][] {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`${file} has no "${heading}" section`);
  const lines = text.slice(start).split('\n').slice(2);
  const first = lines.findIndex((line) => line.startsWith('|'));
  if (first < 0) throw new Error(`${file}: no table under "${heading}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}
