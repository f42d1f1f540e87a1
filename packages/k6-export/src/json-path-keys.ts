/**
 * The keys and array indexes of a preset JSON path (`$.data.items[0].id` → data, items, 0, id), for the
 * script's valueAt helper. The preset schema has already refused any other shape.
 */
export function jsonPathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  const rest = path.startsWith('$') ? path.slice(1) : path;
  const part = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  while (part.lastIndex < rest.length) {
    const found = part.exec(rest);
    if (!found) throw new SyntaxError(`"${path}" is not a JSON path the preset language allows`);
    const [, name, index, singleQuoted, doubleQuoted] = found;
    keys.push(index !== undefined ? Number(index) : (name ?? singleQuoted ?? doubleQuoted ?? ''));
  }
  return keys;
}
