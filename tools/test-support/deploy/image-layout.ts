import { posix } from 'node:path';
import { type DockerfileModel, joinPosix, type Stage } from './dockerfile-model.js';

/** What a RUN instruction reads and writes, as far as the layout checks care (absolute image paths). */
export interface RunEffect {
  needs: string[];
  adds: string[];
  /** Files deleted (before `adds` are written): each path, anything under it, but not its exceptions. */
  removes?: Removal[];
  /** Set when a part of the command is not understood: the checks cannot follow the files through it. */
  unknown?: string;
}

/** `path` may hold `*` and `?` (as `rm -rf /var/lib/apt/lists/*`); `except` are exact paths kept. */
export interface Removal {
  path: string;
  except?: string[];
}

/** Whether a removal deletes this file. */
export function removes(removal: Removal, file: string): boolean {
  if (removal.except?.includes(file)) return false;
  const pattern = removal.path.replace(/\/+$/, '').split('/').map(segmentPattern).join('/');
  return new RegExp(`^${pattern}(/.*)?$`).test(file);
}

export type RunModel = (command: string, workdir: string) => RunEffect;

/** A stage's files at its end: absolute image path → where the file came from ("packages/cli/src/x.ts"). */
export type StageFiles = Map<string, string>;

export interface ImageLayout {
  stages: Map<Stage, StageFiles>;
  final: StageFiles;
  /** Everything that would make the image differ from the workspace layout, one sentence each. */
  problems: string[];
}

/**
 * Follows the files through a Dockerfile without Docker: COPY with Docker's rules (a directory source copies
 * its contents, several sources need a destination ending in "/", a file copied to "x/" lands at
 * "x/<name>"), RUN through the given model, stages through --from. `contextFiles` are the repository paths
 * that the .dockerignore lets into the build context.
 */
export function simulateImage(
  model: DockerfileModel,
  contextFiles: string[],
  runModel: RunModel,
): ImageLayout {
  const problems: string[] = [];
  const stages = new Map<Stage, StageFiles>();
  const context: StageFiles = new Map(contextFiles.map((path) => [path, path]));

  for (const stage of model.stages) {
    const files: StageFiles = new Map();
    stages.set(stage, files);
    let workdir = '/';
    for (const step of stage.steps) {
      if (step.kind === 'workdir') workdir = step.path;
      if (step.kind === 'run') {
        const effect = runModel(step.command, workdir);
        if (effect.unknown) {
          problems.push(
            `line ${step.line}: cannot tell which files \`${effect.unknown}\` reads and writes; ` +
              'describe it in tools/test-support/deploy/build-steps.ts',
          );
        }
        for (const [folder, missing] of groupByPackage(effect.needs.filter((need) => !files.has(need)))) {
          const what = missing.length === 1 ? missing[0] : `${missing.length} files under ${folder}/`;
          problems.push(
            `line ${step.line}: RUN ${step.command} needs ${what}, which no earlier COPY puts there`,
          );
        }
        for (const removal of effect.removes ?? []) {
          for (const path of [...files.keys()]) if (removes(removal, path)) files.delete(path);
        }
        for (const path of effect.adds) files.set(path, `RUN at line ${step.line}`);
      }
      if (step.kind !== 'copy') continue;

      let source: StageFiles = context;
      let sourceName = 'the build context';
      if (step.from !== undefined) {
        const from = [...stages.keys()].find((s) => s.name === step.from);
        if (!from) {
          problems.push(`line ${step.line}: COPY --from=${step.from} names no earlier stage`);
          continue;
        }
        source = stages.get(from)!;
        sourceName = `stage ${step.from}`;
      }
      const items = step.sources.flatMap((pattern) => {
        const found = expandSource(source, pattern, step.from === undefined);
        if (found.length === 0) {
          problems.push(
            `line ${step.line}: COPY source ${pattern} matches nothing in ${sourceName}` +
              (step.from === undefined ? ' (missing, or left out by .dockerignore)' : ''),
          );
        }
        return found;
      });
      const destination = joinPosix(workdir, step.dest);
      const intoDirectory = step.dest.endsWith('/') || items.length > 1 || items.some((item) => item.isDir);
      if (items.length > 1 && !step.dest.endsWith('/')) {
        problems.push(`line ${step.line}: COPY with several sources needs a destination ending in "/"`);
      }
      for (const item of items) {
        for (const [path, origin] of item.files) {
          const relative = item.isDir ? posix.relative(item.path, path) : posix.basename(path);
          const target = intoDirectory ? joinPosix(destination, relative) : destination;
          const previous = files.get(target);
          if (previous !== undefined && previous !== origin) {
            problems.push(`line ${step.line}: COPY writes ${origin} over ${previous} at ${target}`);
          }
          files.set(target, origin);
        }
      }
    }
  }
  return { stages, final: stages.get(model.final)!, problems };
}

/** Missing files grouped by their packages/<name> folder, so that a forgotten package is one problem. */
function groupByPackage(paths: string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    const folder = /^(.*\/packages\/[^/]+)\//.exec(path)?.[1] ?? path;
    groups.set(folder, [...(groups.get(folder) ?? []), path]);
  }
  return groups;
}

interface SourceItem {
  path: string;
  isDir: boolean;
  files: [string, string][];
}

/** A COPY source: a file, or a folder (its contents), possibly with * and ? wildcards, as Docker reads it. */
function expandSource(source: StageFiles, pattern: string, fromContext: boolean): SourceItem[] {
  const clean = fromContext
    ? posix.normalize(pattern.replace(/^\/+/, '')).replace(/\/+$/, '')
    : posix.normalize(pattern).replace(/(.)\/+$/, '$1');
  const root = clean === '.' || clean === '' || clean === '/';
  const candidates = new Set<string>();
  for (const path of source.keys()) {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) candidates.add(parts.slice(0, i).join('/'));
  }
  const matcher = new RegExp(`^${clean.split('/').map(segmentPattern).join('/')}$`);
  const matches = root ? [fromContext ? '' : '/'] : [...candidates].filter((path) => matcher.test(path));
  return matches.sort().map((match) => {
    const prefix = match === '' || match === '/' ? match : `${match}/`;
    const inside = [...source].filter(([path]) => path.startsWith(prefix));
    if (source.has(match)) return { path: match, isDir: false, files: [[match, source.get(match)!]] };
    return { path: match || '.', isDir: true, files: inside.map(([path, origin]) => [path, origin]) };
  });
}

function segmentPattern(segment: string): string {
  return segment
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
}
