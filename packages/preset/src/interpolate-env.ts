import { type Document, isScalar, parse as parseYamlScalar, Scalar, visit } from 'yaml';

export type EnvLookup = Readonly<Record<string, string | undefined>>;

/** A `${VAR}` that has no value and no default, found at `offset` in the source. */
export interface MissingVariable {
  readonly name: string;
  readonly offset: number;
  readonly path: readonly (string | number)[];
  readonly reason: 'missing' | 'malformed';
  readonly text: string;
}

const reference = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string scalar of the document, in place.
 * `$${` stays a literal `${`. A plain (unquoted) scalar that is exactly one reference is re-read as YAML,
 * so `vus: ${VUS:-10}` yields the number 10, while `"${VUS}"` in quotes stays a string.
 */
export function interpolateEnv(document: Document, env: EnvLookup): MissingVariable[] {
  const problems: MissingVariable[] = [];
  visit(document, {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== 'string' || !node.value.includes('$')) return;
      const source = node.value;
      // Only a problem needs the field path: finding it for every `$` made a long mapping quadratic.
      const path = () => pathOf(ancestors, node);
      const offset = node.range?.[0] ?? 0;
      let failed = false;
      const replaced = source.replace(reference, (match, body: string | undefined) => {
        if (match === '$${') return '${';
        if (body === undefined) {
          problems.push({ name: '', offset, path: path(), reason: 'malformed', text: source });
          failed = true;
          return match;
        }
        const separator = body.indexOf(':-');
        const name = (separator === -1 ? body : body.slice(0, separator)).trim();
        if (!variableName.test(name)) {
          problems.push({ name, offset, path: path(), reason: 'malformed', text: source });
          failed = true;
          return match;
        }
        const value = env[name];
        if (value !== undefined && value !== '') return value;
        if (separator !== -1) return body.slice(separator + 2);
        problems.push({ name, offset, path: path(), reason: 'missing', text: source });
        failed = true;
        return match;
      });
      if (failed || replaced === source) return;
      const wholeReference = /^\$\{[^}]*\}$/.test(source);
      if (wholeReference && node.type === Scalar.PLAIN) {
        const reread: unknown = safeScalar(replaced);
        node.value = reread;
      } else {
        node.value = replaced;
      }
    },
  });
  return problems;
}

function safeScalar(text: string): unknown {
  try {
    const value: unknown = parseYamlScalar(text);
    return typeof value === 'number' || typeof value === 'boolean' ? value : text;
  } catch {
    return text;
  }
}

function pathOf(ancestors: readonly unknown[], node: unknown): (string | number)[] {
  const path: (string | number)[] = [];
  let child: unknown = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i] as { items?: unknown[]; key?: unknown; value?: unknown };
    if (Array.isArray(parent.items)) {
      const index = indexIn(parent.items, child);
      const item = parent.items[index] as { key?: unknown } | undefined;
      // In a map, items are pairs and the pair itself is the "child" we came from.
      if (item && typeof item === 'object' && 'key' in item) {
        const key = item.key;
        path.unshift(isScalar(key) ? String(key.value) : String(key));
      } else if (index >= 0) {
        path.unshift(index);
      }
    }
    child = parent;
  }
  return path;
}

/** Positions of a collection's items, built once per collection: `indexOf` for each problem is quadratic. */
const itemIndexes = new WeakMap<readonly unknown[], Map<unknown, number>>();

function indexIn(items: readonly unknown[], child: unknown): number {
  let index = itemIndexes.get(items);
  if (!index) {
    index = new Map(items.map((item, position) => [item, position]));
    itemIndexes.set(items, index);
  }
  return index.get(child) ?? -1;
}
