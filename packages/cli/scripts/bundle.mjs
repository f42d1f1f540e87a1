// The CLI's bundle, built by `npm run build` after tsc: esbuild joins the compiled CLI (dist/main.js), the
// packages and their dependencies into dist/bundle/, split so that each command loads only its own chunks.
// Node 20 loads ES modules one file at a time, and `fpt validate` loaded some 250 (`fpt run` over 500): it
// spent 0.28 s of CPU starting, now about half that (bench/run-all.mjs, startup; docs/architecture.md).
// The engine's worker entry is a second entry point: each worker thread of a run starts from the bundle too.
// better-sqlite3 (a native module) and playwright-core (loaded for browser journeys only) stay in
// node_modules. dist/bin.js runs the bundle while no package was compiled after it (compiled-from.json
// lists their .tsbuildinfo files), else the compiled modules: `tsc -b` alone never leaves a stale bundle.
import { existsSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { keepImportMetaUrl } from './keep-import-meta-url.mjs';

const cli = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(cli, 'dist/bundle');
// The segment host starts its workers from ./worker-entry.js beside itself: in the bundle, the bundled one.
const engine = dirname(realpathSync(fileURLToPath(import.meta.resolve('@fpt/engine'))));
const segmentHost = join(engine, 'segment/segment-host.js');

rmSync(outdir, { recursive: true, force: true });
const { metafile } = await build({
  entryPoints: { main: join(cli, 'dist/main.js'), 'worker-entry': join(engine, 'segment/worker-entry.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  external: ['better-sqlite3', 'playwright-core'],
  // Bundled CommonJS (commander, yaml, express) requires Node's modules; an ES module has no `require`.
  banner: {
    js: "import { createRequire as __fptCreateRequire } from 'node:module'; const require = __fptCreateRequire(import.meta.url);",
  },
  plugins: [keepImportMetaUrl(outdir, [segmentHost])],
  // Less to parse at every start; names stay, so stack traces and error names read as before.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});

// Each compiled package the bundle holds code of, by its .tsbuildinfo (which tsc writes on every compile).
const absWorkingDir = process.cwd();
const buildInfos = new Set();
for (const input of Object.keys(metafile.inputs)) {
  const path = resolve(absWorkingDir, input);
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const buildInfo = join(dir, 'dist/.tsbuildinfo');
      if (existsSync(buildInfo)) buildInfos.add(relative(outdir, buildInfo).split('\\').join('/'));
      break;
    }
  }
}
writeFileSync(join(outdir, 'compiled-from.json'), `${JSON.stringify([...buildInfos].sort(), null, 2)}\n`);
