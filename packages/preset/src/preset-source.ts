import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  type YAMLMap,
} from 'yaml';
import { findDuplicateKeys } from './find-duplicate-keys.js';

/** One parsed preset file, kept so that any field path can be traced back to a line and column. */
export interface PresetSource {
  readonly file: string;
  readonly document: Document;
  readonly lineCounter: LineCounter;
}

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface SyntaxProblem {
  readonly position: SourcePosition;
  readonly message: string;
}

const duplicateKeyMessage = 'duplicate key: each key may appear once in a mapping';

/**
 * Parses YAML (JSON is read by the same parser, as YAML 1.2 is a superset) keeping positions.
 * Duplicate keys are errors, as in every strict YAML reader: a silently dropped key is a silently wrong test.
 * They are found by `findDuplicateKeys` (linear) rather than the library's `uniqueKeys` (quadratic).
 */
export function parsePresetSource(
  file: string,
  text: string,
): { source: PresetSource; problems: SyntaxProblem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  const source = { file, document, lineCounter };
  const found = [
    ...document.errors.map((error) => ({
      offset: error.pos[0],
      message: describeSyntaxError(error.code, error.message),
    })),
    ...findDuplicateKeys(document).map((offset) => ({ offset, message: duplicateKeyMessage })),
  ].sort((a, b) => a.offset - b.offset);
  const problems = found.map(({ offset, message }) => ({ position: positionAt(source, offset), message }));
  return { source, problems };
}

function describeSyntaxError(code: string, message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  if (code === 'DUPLICATE_KEY') return duplicateKeyMessage;
  return `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`;
}

export function positionAt(source: PresetSource, offset: number): SourcePosition {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * The position of the deepest node on `path` that exists in this source, and how deep it got.
 * With `pointAtKey`, a path that ends at a map entry points at the entry's key, which is where a
 * reader looks for a misspelt or unexpected field.
 */
export function locatePath(
  source: PresetSource,
  path: readonly PropertyKey[],
  pointAtKey = false,
): { position: SourcePosition; depth: number } | undefined {
  let node: unknown = source.document.contents;
  if (!node) return undefined;
  let offset = (node as Node).range?.[0] ?? 0;
  let depth = 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = keyIndexOf(node).get(String(segment));
      if (!pair) break;
      const keyNode = pair.key as Node;
      const valueNode = pair.value as Node | null;
      const last = depth === path.length - 1;
      offset =
        (last && pointAtKey) || !valueNode?.range ? (keyNode.range?.[0] ?? offset) : valueNode.range[0];
      node = valueNode;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item?.range) break;
      offset = item.range[0];
      node = item;
    } else {
      break;
    }
    depth++;
  }
  return { position: positionAt(source, offset), depth };
}

/**
 * Each mapping's entries by key, built once: every problem is located with `locatePath`, and searching
 * the entries for each one is quadratic (100,000 unknown keys took minutes to report). Built on first
 * use, after `${VAR}` interpolation, which is the last change made to the document. The first entry of a
 * key wins, as the reader of the file sees it.
 */
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function keyIndexOf(map: YAMLMap): Map<string, Pair> {
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      if (!index.has(key)) index.set(key, item);
    }
    keyIndexes.set(map, index);
  }
  return index;
}
