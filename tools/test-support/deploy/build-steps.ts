import { posix } from 'node:path';
import type { RunEffect, RunModel } from './image-layout.js';
import { type WorkspacePackage, workspaceFlag } from './workspace-graph.js';

/** What npm ci leaves behind, standing for the whole installed node_modules. */
export const installedMarker = 'node_modules/.package-lock.json';

/**
 * The files FPT's build commands read and write, so that the layout check can follow them through the
 * Dockerfile's RUN instructions:
 * - `npm ci` reads the root manifests and the manifest of every workspace package the image needs
 *   (npm links a missing one anyway, as a dangling link, so this check is the one that notices);
 * - `npm run build` runs the root package.json's build script: `tsc -b <project>` compiles every project it
 *   references, each needing its tsconfig.json and its src/ files, each writing dist/*.js;
 *   `npm run <script> -w <package>` runs that package's script; `vite build` reads the package's files
 *   (sources, index.html, configs: all but tests and docs), the src/ of each workspace package it depends on
 *   (bundled from its sources, the "source" export condition) and the installed node_modules, and writes
 *   dist/index.html;
 * - `node scripts/bundle.mjs` (the CLI's bundle step) reads esbuild from the installed node_modules, the
 *   package's scripts/ and what the tsc before it in the build script wrote, and writes dist/bundle/main.js
 *   and its chunks;
 * - `npm ci` also writes `installedFiles` (node_modules paths: the native module's build tree), so that what
 *   a later clean-up deletes or keeps of them can be followed into the runtime stage;
 * - `rm -rf <paths>` deletes them and what is under them; `find <dir> -mindepth 1 ! -path <kept>... -delete`
 *   deletes everything under the folder except the paths it names (and the folders they are in);
 * - `npm prune` and system commands (apt-get, mkdir, chown) change no file the checks follow.
 * A command not described here is reported, so that a new build step cannot slip past the checks.
 */
export function fptRunModel(options: {
  workspace: Map<string, WorkspacePackage>;
  imagePackages: WorkspacePackage[];
  checkoutFiles: string[];
  buildScript: string;
  installedFiles?: string[];
}): RunModel {
  const byDir = new Map([...options.workspace.values()].map((pkg) => [pkg.dir, pkg]));

  const tscBuild = (entries: string[], workdir: string): RunEffect => {
    const needs = [posix.join(workdir, 'tsconfig.base.json')];
    const adds: string[] = [];
    const seen = new Set<string>();
    const visit = (dir: string) => {
      if (seen.has(dir)) return;
      seen.add(dir);
      needs.push(posix.join(workdir, dir, 'tsconfig.json'));
      for (const file of options.checkoutFiles) {
        if (!file.startsWith(`${dir}/src/`)) continue;
        needs.push(posix.join(workdir, file));
        if (/\.tsx?$/.test(file) && !file.endsWith('.d.ts')) {
          adds.push(posix.join(workdir, dir, 'dist', file.slice(dir.length + 5).replace(/\.tsx?$/, '.js')));
        }
      }
      for (const reference of byDir.get(dir)?.tsReferences ?? []) visit(reference);
    };
    for (const entry of entries) visit(entry.replace(/\/+$/, ''));
    return { needs, adds };
  };

  const one = (part: string, workdir: string): RunEffect => {
    const words = part.trim().split(/\s+/);
    if (words[0] === 'npm' && words[1] === 'ci') {
      return {
        needs: [
          posix.join(workdir, 'package.json'),
          posix.join(workdir, 'package-lock.json'),
          ...options.imagePackages.map((pkg) => posix.join(workdir, pkg.dir, 'package.json')),
        ],
        adds: [
          posix.join(workdir, installedMarker),
          ...(options.installedFiles ?? []).map((file) => posix.join(workdir, file)),
        ],
      };
    }
    const workspaceName = workspaceFlag(words);
    if (words[0] === 'npm' && words[1] === 'run' && workspaceName !== undefined) {
      const pkg = options.workspace.get(workspaceName);
      const script = pkg?.scripts[words[2] ?? ''];
      if (!pkg || script === undefined) return { needs: [], adds: [], unknown: part.trim() };
      return combine(script.split('&&').map((command) => inPackage(command, pkg, workdir)));
    }
    if (words[0] === 'npm' && words[1] === 'run' && words[2] === 'build') {
      return combine(options.buildScript.split('&&').map((script) => one(script, workdir)));
    }
    if (words[0] === 'tsc' && words[1] === '-b') return tscBuild(words.slice(2), workdir);
    if (words[0] === 'npm' && words[1] === 'prune') return { needs: [], adds: [] };
    if (words[0] === 'rm' && /^-[rf]*r[rf]*$/.test(words[1] ?? '')) {
      const paths = words.slice(2);
      if (paths.length === 0 || paths.some((path) => path.startsWith('-'))) return unknownPart(part);
      return { needs: [], adds: [], removes: paths.map((path) => ({ path: posix.resolve(workdir, path) })) };
    }
    if (words[0] === 'find') return findDelete(words, workdir) ?? unknownPart(part);
    if (['apt-get', 'mkdir', 'chown'].includes(words[0] ?? '')) return { needs: [], adds: [] };
    return { needs: [], adds: [], unknown: part.trim() };
  };

  /** A package's own script, run in its folder. */
  const inPackage = (command: string, pkg: WorkspacePackage, workdir: string): RunEffect => {
    const words = command.trim().split(/\s+/);
    if (words[0] === 'vite' && words[1] === 'build') {
      const workspaceDirs = Object.keys(pkg.dependencies).flatMap((name) => {
        const dependency = options.workspace.get(name);
        return dependency ? [`${dependency.dir}/src/`] : [];
      });
      const sources = options.checkoutFiles.filter(
        (file) =>
          (file.startsWith(`${pkg.dir}/`) && !file.startsWith(`${pkg.dir}/test/`) && !file.endsWith('.md')) ||
          workspaceDirs.some((dir) => file.startsWith(dir)),
      );
      return {
        needs: [posix.join(workdir, installedMarker), ...sources.map((file) => posix.join(workdir, file))],
        adds: [posix.join(workdir, pkg.dir, 'dist/index.html')],
      };
    }
    if (words[0] === 'node' && words[1] === 'scripts/bundle.mjs' && words.length === 2) {
      const scripts = options.checkoutFiles.filter((file) => file.startsWith(`${pkg.dir}/scripts/`));
      return {
        needs: [posix.join(workdir, installedMarker), ...scripts.map((file) => posix.join(workdir, file))],
        adds: [posix.join(workdir, pkg.dir, 'dist/bundle/main.js')],
      };
    }
    return { needs: [], adds: [], unknown: `${command.trim()} (in ${pkg.dir})` };
  };

  return (command, workdir) => combine(command.split('&&').map((part) => one(part, workdir)));
}

/** `find <dir> -mindepth 1 (! -path <kept>)... -delete`: the one form of find the checks follow. */
function findDelete(words: string[], workdir: string): RunEffect | undefined {
  const [, dir, mindepth, one, ...rest] = words;
  if (!dir || mindepth !== '-mindepth' || one !== '1' || rest.at(-1) !== '-delete') return undefined;
  const kept: string[] = [];
  const tests = rest.slice(0, -1);
  for (let i = 0; i < tests.length; i += 3) {
    if (!['!', '-not'].includes(tests[i] ?? '') || tests[i + 1] !== '-path' || !tests[i + 2])
      return undefined;
    if (/[*?[]/.test(tests[i + 2]!)) return undefined;
    kept.push(posix.resolve(workdir, tests[i + 2]!));
  }
  // find -delete empties a folder before deleting it: a kept file in a folder that is not kept as well
  // makes that deletion, and so the RUN, fail.
  const root = posix.resolve(workdir, dir);
  for (const path of kept) {
    for (let folder = posix.dirname(path); folder.startsWith(`${root}/`); folder = posix.dirname(folder)) {
      if (!kept.includes(folder)) return undefined;
    }
  }
  return { needs: [], adds: [], removes: [{ path: root, except: kept }] };
}

function unknownPart(part: string): RunEffect {
  return { needs: [], adds: [], unknown: part.trim() };
}

function combine(effects: RunEffect[]): RunEffect {
  const unknown = effects.find((effect) => effect.unknown)?.unknown;
  const removes = effects.flatMap((effect) => effect.removes ?? []);
  return {
    needs: effects.flatMap((effect) => effect.needs),
    adds: effects.flatMap((effect) => effect.adds),
    ...(removes.length > 0 ? { removes } : {}),
    ...(unknown ? { unknown } : {}),
  };
}
