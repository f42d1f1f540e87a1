/**
 * Which workspace packages each package may import. Dependencies point one way:
 * cli → (engine, report, gate, testkit) → preset → script → metrics → readable; readable depends on nothing.
 * readable (the words and number formats every surface shows) may be imported by every package, and is the
 * only package with code the web UI imports: the UI bundles it from its sources. api-types (the agent API's
 * JSON shapes, types only) is the UI's other import; the agent's own types are checked against it.
 * A new edge is a design decision: add it here and to docs/architecture.md together.
 */
export const allowedDependencies: Readonly<Record<string, readonly string[]>> = {
  readable: [],
  'api-types': [],
  metrics: ['readable'],
  script: ['metrics', 'readable'],
  preset: ['metrics', 'script', 'readable'],
  testkit: [],
  engine: ['preset', 'metrics', 'script', 'readable'],
  report: ['metrics', 'preset', 'readable', 'api-types'],
  influx: ['metrics', 'readable'],
  'agent-ui': ['readable', 'api-types'],
  fleet: ['metrics', 'preset', 'engine', 'report', 'readable', 'api-types'],
  agent: ['engine', 'preset', 'metrics', 'report', 'gate', 'fleet', 'readable'],
  gate: ['metrics', 'preset', 'report', 'readable'],
  'k6-export': ['preset', 'metrics', 'readable'],
  cli: [
    'preset',
    'metrics',
    'script',
    'engine',
    'report',
    'testkit',
    'influx',
    'agent',
    'gate',
    'k6-export',
    'fleet',
    'readable',
  ],
};

/** Packages that must stay pure: no I/O modules, no clock or environment of their own. */
export const purePackages: readonly string[] = ['readable', 'api-types', 'metrics', 'gate', 'k6-export'];
