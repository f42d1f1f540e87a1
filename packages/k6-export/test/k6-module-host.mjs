// Loads generated k6 scripts as real ES modules in a vm context, with the k6 modules replaced by
// stand-ins (k6-stand-ins.mjs). Run with `node --experimental-vm-modules`; reads JSON on stdin:
//   { "scripts": [{ "source": "...", "env": {...}, "dir": "...", "run": { "iterations": 3, "chromiumPath": "..." } }] }
// `dir` is the folder the script stands in: k6's open() reads files relative to it.
// Without `run`, reports each script's `options` and exported functions. With `run`, also runs setup,
// then each scenario's function for that many iterations (VU 1), then teardown with setup's data, as k6
// does, and reports what the script did.
// Writes { "results": [{ "options", "functions", "record"? } | { "error" }] } on stdout.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import vm from 'node:vm';
import { inertStandIns, liveStandIns } from './k6-stand-ins.mjs';

/** k6's open(): a file relative to the script's folder, as text or (mode 'b') as an ArrayBuffer. */
function opener(dir) {
  return (path, mode) => {
    if (dir === undefined) throw new Error(`open(${path}): the script was loaded without its folder (dir)`);
    const bytes = readFileSync(resolve(dir, path));
    if (mode === 'b') return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return bytes.toString('utf8');
  };
}

async function load(source, env, dir, standIns) {
  const context = vm.createContext({ __ENV: { ...env }, __VU: 0, __ITER: 0, open: opener(dir) });
  const module = new vm.SourceTextModule(source, { context, identifier: 'generated-k6-script.js' });
  await module.link((specifier) => {
    const exports = standIns[specifier];
    if (!exports)
      throw new Error(`the script imports ${specifier}, which has no stand-in (not a k6 module?)`);
    return new vm.SyntheticModule(
      Object.keys(exports),
      function setExports() {
        for (const [name, value] of Object.entries(exports)) this.setExport(name, value);
      },
      { context, identifier: specifier },
    );
  });
  await module.evaluate();
  return { context, namespace: module.namespace };
}

function describeExports(namespace) {
  const functions = {};
  for (const [name, value] of Object.entries(namespace)) {
    if (typeof value === 'function') functions[name] = Object.prototype.toString.call(value).slice(8, -1);
  }
  return { options: JSON.parse(JSON.stringify(namespace.options)), functions };
}

async function run(source, env, dir, { iterations, chromiumPath }) {
  const record = { requests: [], checks: {}, metrics: {}, groups: [], sleeps: [], pages: [] };
  const state = { scenario: { name: 'setup', iterationInTest: 0 }, vu: { idInTest: 1 } };
  // Chromium starts only for a script with a browser scenario, and only when a path is given.
  const chromium = { browser: undefined };
  try {
    const { context, namespace } = await load(source, env, dir, liveStandIns(record, state, chromium));
    const scenarios = Object.entries(namespace.options.scenarios);
    if (chromiumPath && scenarios.some(([, scenario]) => scenario.options?.browser)) {
      const { chromium: launcher } = await import('playwright-core');
      chromium.browser = await launcher.launch({
        executablePath: chromiumPath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
      });
    }
    const data = typeof namespace.setup === 'function' ? namespace.setup() : undefined;
    for (const [name, scenario] of scenarios) {
      if (scenario.options?.browser && !chromium.browser) continue;
      for (let iteration = 0; iteration < iterations; iteration++) {
        state.scenario = { name, iterationInTest: iteration };
        context.__VU = 1;
        context.__ITER = iteration;
        await namespace[scenario.exec](data);
      }
    }
    if (typeof namespace.teardown === 'function') {
      state.scenario = { name: 'teardown', iterationInTest: 0 };
      context.__VU = 0;
      context.__ITER = 0;
      namespace.teardown(data);
    }
    return { ...describeExports(namespace), record };
  } finally {
    await chromium.browser?.close();
  }
}

const { scripts } = JSON.parse(await text(process.stdin));
const results = [];
for (const script of scripts) {
  try {
    const env = script.env ?? {};
    results.push(
      script.run
        ? await run(script.source, env, script.dir, script.run)
        : describeExports((await load(script.source, env, script.dir, inertStandIns())).namespace),
    );
  } catch (error) {
    results.push({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
process.stdout.write(JSON.stringify({ results }));
// The HTTP worker is unref'd; nothing else keeps the process alive.
