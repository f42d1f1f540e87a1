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
 *   (sources, index.html, configs: all but tests and docs) and the installed node_modules, and writes
 *   dist/index.html;
 * - `npm prune` and system commands (apt-get, mkdir, chown) change no file the checks follow.
 * A command not described here is reported, so that a new build step cannot slip past the checks.
 */
export function fptRunModel(options: {
  workspace: Map<string, WorkspacePackage>;
  imagePackages: WorkspacePackage[];
  checkoutFiles: string[];
  buildScript: string;
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
        adds: [posix.join(workdir, installedMarker)],
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
    if (['apt-get', 'rm', 'mkdir', 'chown'].includes(words[0] ?? '')) return { needs: [], adds: [] };
    return { needs: [], adds: [], unknown: part.trim() };
  };

  /** A package's own script, run in its folder. */
  const inPackage = (command: string, pkg: WorkspacePackage, workdir: string): RunEffect => {
    const words = command.trim().split(/\s+/);
    if (words[0] === 'vite' && words[1] === 'build') {
      const sources = options.checkoutFiles.filter(
        (file) =>
          file.startsWith(`${pkg.dir}/`) && !file.startsWith(`${pkg.dir}/test/`) && !file.endsWith('.md'),
      );
      return {
        needs: [posix.join(workdir, installedMarker), ...sources.map((file) => posix.join(workdir, file))],
        adds: [posix.join(workdir, pkg.dir, 'dist/index.html')],
      };
    }
    return { needs: [], adds: [], unknown: `${command.trim()} (in ${pkg.dir})` };
  };

  return (command, workdir) => combine(command.split('&&').map((part) => one(part, workdir)));
}

function combine(effects: RunEffect[]): RunEffect {
  const unknown = effects.find((effect) => effect.unknown)?.unknown;
  return {
    needs: effects.flatMap((effect) => effect.needs),
    adds: effects.flatMap((effect) => effect.adds),
    ...(unknown ? { unknown } : {}),
  };
}
