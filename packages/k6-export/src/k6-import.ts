/** One binding a generated script imports from a k6 module. */
export interface K6Import {
  readonly module: string;
  readonly name: string;
  /** The module's default export bound to `name`, rather than its export called `name`. */
  readonly isDefault?: boolean;
}

/** Modules in the order their import lines are written. */
const moduleOrder = [
  'k6',
  'k6/browser',
  'k6/crypto',
  'k6/data',
  'k6/encoding',
  'k6/execution',
  'k6/http',
  'k6/metrics',
];

/** Import statements for a set of bindings: one line per module, names sorted, default first. */
export function importStatements(imports: Iterable<K6Import>): string[] {
  const byModule = new Map<string, { default?: string; named: Set<string> }>();
  for (const entry of imports) {
    const bindings = byModule.get(entry.module) ?? { named: new Set<string>() };
    if (entry.isDefault) bindings.default = entry.name;
    else bindings.named.add(entry.name);
    byModule.set(entry.module, bindings);
  }
  const rank = (module: string) => {
    const index = moduleOrder.indexOf(module);
    return index === -1 ? moduleOrder.length : index;
  };
  return [...byModule.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([module, bindings]) => {
      const parts: string[] = [];
      if (bindings.default) parts.push(bindings.default);
      if (bindings.named.size > 0) parts.push(`{ ${[...bindings.named].sort().join(', ')} }`);
      return `import ${parts.join(', ')} from '${module}';`;
    });
}

/** The k6 bindings generated code uses by name. */
export const k6Imports = {
  check: { module: 'k6', name: 'check' },
  group: { module: 'k6', name: 'group' },
  sleep: { module: 'k6', name: 'sleep' },
  http: { module: 'k6/http', name: 'http', isDefault: true },
  exec: { module: 'k6/execution', name: 'exec', isDefault: true },
  encoding: { module: 'k6/encoding', name: 'encoding', isDefault: true },
  browser: { module: 'k6/browser', name: 'browser' },
  SharedArray: { module: 'k6/data', name: 'SharedArray' },
} as const satisfies Record<string, K6Import>;
