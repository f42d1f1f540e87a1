import { readFileSync, statSync } from 'node:fs';

/**
 * The bundle's entry in `dir` (dist/bundle/, which scripts/bundle.mjs writes after tsc), or undefined when
 * there is none or a package it holds was compiled after it: `tsc -b` or `npm run typecheck` alone would
 * leave a bundle of older code, so the compiled modules run instead until the next `npm run build`.
 */
export function currentBundle(dir: URL): string | undefined {
  try {
    const entry = new URL('main.js', dir);
    const bundledAt = statSync(entry).mtimeMs;
    const compiled = JSON.parse(readFileSync(new URL('compiled-from.json', dir), 'utf8')) as string[];
    const stale = compiled.some(
      (buildInfo) => (statSync(new URL(buildInfo, dir), { throwIfNoEntry: false })?.mtimeMs ?? 0) > bundledAt,
    );
    return stale ? undefined : entry.href;
  } catch {
    return undefined;
  }
}
