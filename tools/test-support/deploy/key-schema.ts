/**
 * A small schema language for configuration files that refuse unknown keys (Kamal, cloudflared): the
 * allowed key tree is written as data, and `checkKeys` lists every unknown key and wrong type with its path.
 * "string" accepts numbers and booleans too, as Kamal's own validator does ("stringish").
 */
export type KeySpec =
  | { kind: 'string' }
  | { kind: 'integer' }
  | { kind: 'boolean' }
  | { kind: 'any' }
  | { kind: 'list'; of: KeySpec }
  | { kind: 'map'; of: KeySpec }
  | { kind: 'object'; keys: Readonly<Record<string, KeySpec>>; extensions?: boolean }
  | { kind: 'oneOf'; of: KeySpec[] };

export const str: KeySpec = { kind: 'string' };
export const int: KeySpec = { kind: 'integer' };
export const bool: KeySpec = { kind: 'boolean' };
export const anything: KeySpec = { kind: 'any' };
export const list = (of: KeySpec): KeySpec => ({ kind: 'list', of });
export const map = (of: KeySpec): KeySpec => ({ kind: 'map', of });
export const oneOf = (...of: KeySpec[]): KeySpec => ({ kind: 'oneOf', of });
export const keys = (tree: Record<string, KeySpec>, options: { extensions?: boolean } = {}): KeySpec => ({
  kind: 'object',
  keys: tree,
  ...options,
});

/** Every problem of `value` against `spec`, as "path: what is wrong". */
export function checkKeys(value: unknown, spec: KeySpec, path = ''): string[] {
  const at = path === '' ? '(top level)' : path;
  switch (spec.kind) {
    case 'any':
      return [];
    case 'string':
      return ['string', 'number', 'boolean'].includes(typeof value) ? [] : [`${at}: should be a string`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: should be an integer`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: should be true or false`];
    case 'list':
      if (!Array.isArray(value)) return [`${at}: should be a list`];
      return value.flatMap((item, index) => checkKeys(item, spec.of, `${path}[${index}]`));
    case 'map':
      if (!isRecord(value)) return [`${at}: should be a map`];
      return Object.entries(value).flatMap(([key, item]) => checkKeys(item, spec.of, join(path, key)));
    case 'object': {
      if (!isRecord(value)) return [`${at}: should be a map`];
      const known = Object.keys(spec.keys);
      return Object.entries(value).flatMap(([key, item]) => {
        if (spec.extensions && key.startsWith('x-')) return [];
        const child = spec.keys[key];
        if (!child) return [`${join(path, key)}: unknown key (known keys here: ${known.join(', ')})`];
        return checkKeys(item, child, join(path, key));
      });
    }
    case 'oneOf': {
      const attempts = spec.of.map((alternative) => checkKeys(value, alternative, path));
      if (attempts.some((problems) => problems.length === 0)) return [];
      // Report against the alternative of the value's shape that came closest.
      const shaped = attempts.filter((_, i) => sameShape(value, spec.of[i]!));
      const candidates = shaped.length > 0 ? shaped : attempts;
      return candidates.reduce((best, problems) => (problems.length < best.length ? problems : best));
    }
  }
}

function sameShape(value: unknown, spec: KeySpec): boolean {
  if (spec.kind === 'list') return Array.isArray(value);
  if (spec.kind === 'map' || spec.kind === 'object') return isRecord(value);
  if (spec.kind === 'oneOf') return spec.of.some((alternative) => sameShape(value, alternative));
  return !Array.isArray(value) && !isRecord(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
