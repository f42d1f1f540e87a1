import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

/**
 * An esbuild plugin: every bundled module keeps the import.meta.url of the file it was bundled from.
 * The packages find files beside their compiled modules (the CLI's package.json, the shipped presets,
 * `fpt run` for the agent's child runs, packages through createRequire); in a chunk of dist/bundle/ those
 * relative URLs would point elsewhere. Each `import.meta.url` becomes that file's
 * URL, relative to the chunk (all chunks are in `outdir`), so the tree can move (the image's /app).
 * Except in `bundledBeside`: modules that look beside themselves for a file the bundle has too (the engine's
 * segment host, for its worker entry): theirs stays the chunk's URL, so they find the bundled file.
 */
export function keepImportMetaUrl(outdir, bundledBeside = []) {
  return {
    name: 'keep-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.m?js$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!source.includes('import.meta.url') || bundledBeside.includes(path)) return undefined;
        const fromChunk = relative(outdir, path).split('\\').join('/');
        const url = `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', url), loader: 'js' };
      });
    },
  };
}
