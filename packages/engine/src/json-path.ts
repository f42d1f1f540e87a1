/**
 * The small JSON path dialect presets use: `$.a.b[0].c`, `a.b`, `$['key with space']`, `$[0]`.
 * Compiled once into segments; evaluation never throws.
 */
export type JsonPath = readonly (string | number)[];

const segmentPattern = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/gy;

export function compileJsonPath(path: string): JsonPath {
  const body = path.startsWith('$') ? path.slice(1) : path;
  const segments: (string | number)[] = [];
  segmentPattern.lastIndex = 0;
  let consumed = 0;
  for (let match = segmentPattern.exec(body); match !== null; match = segmentPattern.exec(body)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[3] ?? match[4] ?? '');
    consumed = segmentPattern.lastIndex;
  }
  if (consumed !== body.length) throw new SyntaxError(`unsupported JSON path "${path}"`);
  return segments;
}

export const notFound: unique symbol = Symbol('not found');

export function evaluateJsonPath(document: unknown, path: JsonPath): unknown {
  let current: unknown = document;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return notFound;
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return notFound;
      current = current[segment];
    } else {
      if (!Object.hasOwn(current, segment)) return notFound;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

/** A captured or compared value as text: strings as they are, everything else as JSON. */
export function valueAsText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
