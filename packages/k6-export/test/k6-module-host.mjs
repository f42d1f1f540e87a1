// Loads generated k6 scripts as real ES modules in a vm context, with every k6 module replaced by an
// inert stand-in, and reports what each script exports: its `options` (as JSON) and the names of its
// exported functions. Run with `node --experimental-vm-modules`; reads the scripts as JSON on stdin:
//   { "scripts": [{ "source": "...", "env": { "FPT_REGION": "eu" } }] }
// and writes { "results": [{ "options": {...}, "functions": { "api": "function" } } | { "error": "..." }] }.
import { text } from 'node:stream/consumers';
import vm from 'node:vm';

const noop = () => undefined;

/** What a script may import from each k6 module: inert values with k6's names and shapes. */
const standIns = {
  k6: () => ({ check: () => true, sleep: noop, group: (_name, fn) => fn(), fail: noop }),
  'k6/http': () => {
    const http = { request: noop, expectedStatuses: () => ({ standIn: 'expectedStatuses' }) };
    return { default: http };
  },
  'k6/metrics': () => {
    class Metric {
      constructor(name) {
        this.name = name;
      }
      add() {}
    }
    return { Counter: Metric, Rate: Metric, Trend: Metric, Gauge: Metric };
  },
  // k6 calls the function once and shares the array it returns.
  'k6/data': () => ({
    SharedArray: function SharedArray(_name, rows) {
      return rows();
    },
  }),
  'k6/execution': () => ({ default: { scenario: { name: 'standIn', iterationInTest: 0 }, vu: {} } }),
  'k6/browser': () => ({ browser: {} }),
  'k6/crypto': () => ({ default: { randomBytes: (size) => new ArrayBuffer(size) } }),
};

async function load(source, env) {
  const context = vm.createContext({ __ENV: { ...env } });
  const module = new vm.SourceTextModule(source, { context, identifier: 'generated-k6-script.js' });
  await module.link((specifier) => {
    const make = standIns[specifier];
    if (!make) throw new Error(`the script imports ${specifier}, which has no stand-in (not a k6 module?)`);
    const exports = make();
    return new vm.SyntheticModule(
      Object.keys(exports),
      function setExports() {
        for (const [name, value] of Object.entries(exports)) this.setExport(name, value);
      },
      { context, identifier: specifier },
    );
  });
  await module.evaluate();
  const namespace = module.namespace;
  const functions = {};
  for (const [name, value] of Object.entries(namespace)) {
    if (typeof value === 'function') functions[name] = Object.prototype.toString.call(value).slice(8, -1);
  }
  return { options: JSON.parse(JSON.stringify(namespace.options)), functions };
}

const { scripts } = JSON.parse(await text(process.stdin));
const results = [];
for (const { source, env } of scripts) {
  try {
    results.push(await load(source, env ?? {}));
  } catch (error) {
    results.push({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
process.stdout.write(JSON.stringify({ results }));
