import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedDependencies, purePackages } from '../dependency-rules.js';

const packagesDir = new URL('../../packages/', import.meta.url).pathname;
const packageNames = readdirSync(packagesDir).filter((name) =>
  statSync(join(packagesDir, name)).isDirectory(),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => (m[1] ?? m[2])!);
}

describe('dependency direction between packages', () => {
  it('knows every package', () => {
    expect(packageNames.sort()).toEqual(Object.keys(allowedDependencies).sort());
  });

  for (const name of packageNames) {
    it(`${name} imports only the packages it may, and only through their public entry`, () => {
      const offences: string[] = [];
      const manifest = JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      const declared = Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@fpt/'));
      for (const dep of declared) {
        if (!allowedDependencies[name]?.includes(dep.slice(5))) offences.push(`package.json declares ${dep}`);
      }
      for (const file of sourceFiles(join(packagesDir, name, 'src'))) {
        for (const specifier of importsOf(file)) {
          const where = relative(packagesDir, file);
          const workspace = /^@fpt\/([^/]+)(\/.*)?$/.exec(specifier);
          if (workspace) {
            if (!allowedDependencies[name]?.includes(workspace[1]!))
              offences.push(`${where} imports ${specifier}`);
            if (workspace[2])
              offences.push(`${where} reaches into ${specifier}; import the package entry instead`);
          } else if (specifier.startsWith('.')) {
            const target = relative(join(packagesDir, name, 'src'), resolve(dirname(file), specifier));
            if (target.startsWith('..'))
              offences.push(`${where} imports outside its package's src/: ${specifier}`);
          }
          if (
            purePackages.includes(name) &&
            /^(node:)?(fs|net|http|https|child_process|worker_threads|dgram)(\/|$)/.test(specifier)
          ) {
            offences.push(`${where} imports ${specifier}, but ${name} must stay free of I/O`);
          }
        }
      }
      expect(offences).toEqual([]);
    });
  }
});
