import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { currentBundle } from '../src/current-bundle.js';

const root = mkdtempSync(join(tmpdir(), 'fpt-bundle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A dist/ with a bundle made at `bundledAt` (seconds) from packages compiled at `compiledAt`. */
function dist(name: string, bundledAt: number, compiledAt: Record<string, number>): URL {
  const bundle = join(root, name, 'cli/dist/bundle');
  mkdirSync(bundle, { recursive: true });
  const buildInfos = Object.entries(compiledAt).map(([pkg, at]) => {
    mkdirSync(join(root, name, pkg, 'dist'), { recursive: true });
    const file = join(root, name, pkg, 'dist/.tsbuildinfo');
    writeFileSync(file, '{}');
    utimesSync(file, at, at);
    return `../../../${pkg}/dist/.tsbuildinfo`;
  });
  writeFileSync(
    join(bundle, 'compiled-from.json'),
    JSON.stringify([...buildInfos, '../../../gone/dist/.tsbuildinfo']),
  );
  writeFileSync(join(bundle, 'main.js'), '');
  utimesSync(join(bundle, 'main.js'), bundledAt, bundledAt);
  return pathToFileURL(`${bundle}/`);
}

describe('which code dist/bin.js runs', () => {
  it('the bundle, when no package it holds was compiled after it', () => {
    const dir = dist('fresh', 2000, { cli: 1000, engine: 2000 });
    expect(currentBundle(dir)).toBe(new URL('main.js', dir).href);
  });

  it('the compiled modules, once a package was compiled again (tsc -b alone) or when there is no bundle', () => {
    expect(currentBundle(dist('stale', 2000, { cli: 1000, engine: 2001 }))).toBeUndefined();
    expect(currentBundle(pathToFileURL(join(root, 'none/cli/dist/bundle/')))).toBeUndefined();
  });

  it('the bundle that npm run build made, in this checkout', () => {
    const built = new URL('../dist/bundle/', import.meta.url);
    expect(currentBundle(built)).toBe(new URL('main.js', built).href);
  });
});
