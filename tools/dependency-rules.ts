/**
 * Which workspace packages each package may import. Dependencies point one way:
 * cli → (engine, report, gate, testkit) → preset → script → metrics; metrics depends on nothing.
 * A new edge is a design decision: add it here and to docs/architecture.md together.
 */
export const allowedDependencies: Readonly<Record<string, readonly string[]>> = {
  metrics: [],
  script: ['metrics'],
  preset: ['metrics', 'script'],
  testkit: [],
  engine: ['preset', 'metrics', 'script'],
  report: ['metrics', 'preset'],
  influx: ['metrics'],
  'agent-ui': [],
  fleet: ['metrics', 'preset', 'engine', 'report'],
  agent: ['engine', 'preset', 'metrics', 'report', 'gate', 'fleet'],
  gate: ['metrics', 'preset', 'report'],
  'k6-export': ['preset', 'metrics'],
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
  ],
};

/** Packages that must stay pure: no I/O modules, no clock or environment of their own. */
export const purePackages: readonly string[] = ['metrics', 'gate', 'k6-export'];
