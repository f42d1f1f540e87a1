/**
 * `npm run grafana`: writes the generated Grafana provisioning files and dashboards to deploy/grafana/,
 * and removes generated files the generator no longer produces. The generator itself is pure
 * (buildDashboards in @fpt/influx); packages/influx/test/grafana-files.test.ts fails when the committed
 * files differ from its output.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDashboards } from '@fpt/influx';

const root = fileURLToPath(new URL('../deploy/grafana/', import.meta.url));
const { files } = buildDashboards();

for (const [path, content] of Object.entries(files)) {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}

// Only the generator's file types are removed, so a hand-written README next to them survives.
for (const file of listFiles(root)) {
  const path = relative(root, file).split('\\').join('/');
  if (/\.(json|ya?ml)$/.test(path) && files[path] === undefined) {
    rmSync(file);
    console.log(`removed ${path}`);
  }
}
console.log(`wrote ${Object.keys(files).length} files to ${relative(process.cwd(), root) || '.'}`);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
