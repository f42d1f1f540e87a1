export type YamlValue =
  | string
  | number
  | boolean
  | readonly YamlValue[]
  | { readonly [key: string]: YamlValue };

/**
 * Block-style YAML for the small provisioning files, laid out as the repository's formatter (Biome) lays
 * out YAML, so the committed files are both formatted and byte-equal to the generator's output. Strings
 * are plain when YAML would read them back unchanged, else double-quoted with JSON escapes (valid YAML).
 */
export function formatYaml(
  value: { readonly [key: string]: YamlValue },
  headerComment: readonly string[],
): string {
  const lines = headerComment.map((line) => `# ${line}`);
  writeMap(value, 0, lines);
  return `${lines.join('\n')}\n`;
}

function writeMap(map: { readonly [key: string]: YamlValue }, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  for (const [key, value] of Object.entries(map)) {
    if (isScalar(value)) lines.push(`${pad}${scalar(key)}: ${scalar(value)}`);
    else if (Array.isArray(value)) {
      lines.push(`${pad}${scalar(key)}:`);
      writeList(value, indent + 2, lines);
    } else {
      lines.push(`${pad}${scalar(key)}:`);
      writeMap(value as { readonly [key: string]: YamlValue }, indent + 2, lines);
    }
  }
}

function writeList(list: readonly YamlValue[], indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  for (const item of list) {
    if (isScalar(item)) {
      lines.push(`${pad}- ${scalar(item)}`);
      continue;
    }
    if (Array.isArray(item)) throw new TypeError('nested lists are not used in provisioning files');
    // The first key shares the dash's line; the rest line up under it.
    const nested: string[] = [];
    writeMap(item as { readonly [key: string]: YamlValue }, indent + 2, nested);
    nested[0] = `${pad}- ${nested[0]!.slice(indent + 2)}`;
    lines.push(...nested);
  }
}

function isScalar(value: YamlValue): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Plain scalars YAML 1.1 or 1.2 could read as something other than this string (bool, null, number). */
const AMBIGUOUS =
  /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|\.inf|\.nan)$/i;

function scalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  const plain =
    /^[A-Za-z0-9_/$.][A-Za-z0-9_ ./:${}-]*$/.test(value) &&
    !/\s$/.test(value) &&
    !value.includes(': ') &&
    !value.includes(' #') &&
    !AMBIGUOUS.test(value);
  return plain ? value : JSON.stringify(value);
}
