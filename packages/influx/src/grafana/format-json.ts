/** Biome's default line width in this repository (biome.json). */
const LINE_WIDTH = 110;

/**
 * JSON with two-space indentation in the layout the repository's formatter (Biome) gives it: objects one
 * key per line, arrays of plain values on one line when that line fits, other arrays one item per line.
 * Matching it keeps `biome check` clean on the committed dashboards while they stay byte-equal to the
 * generator's output.
 */
export function formatJson(value: unknown): string {
  return `${format(value, 0, 0)}\n`;
}

/** `prefixWidth`: characters already on the line before this value (indent plus `"key": `). */
function format(value: unknown, indent: number, prefixWidth: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const pad = ' '.repeat(indent + 2);
  const close = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item) => item === null || typeof item !== 'object')) {
      const inline = `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
      // +1 for a comma that may follow.
      if (prefixWidth + inline.length + 1 <= LINE_WIDTH) return inline;
    }
    const items = value.map((item) => pad + format(item, indent + 2, indent + 2));
    return `[\n${items.join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, v]) => {
    const prefix = `${pad}${JSON.stringify(key)}: `;
    return prefix + format(v, indent + 2, prefix.length);
  });
  return `{\n${lines.join(',\n')}\n${close}}`;
}
