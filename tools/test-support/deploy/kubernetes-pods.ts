import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { isRecord } from './key-schema.js';
import { getPath, type KubernetesObject, podContainersOf, podSpecOf } from './kubernetes-kustomize.js';
import { repoRoot } from './repo-files.js';

/** What the deploy/kubernetes checks read of rendered objects: workloads, their containers and environment. */

export type Container = Record<string, unknown> & { name: string };

/** The object of a kind by its manifest name; a generated ConfigMap is found under its hash-suffixed name too. */
export function objectNamed(
  objects: readonly KubernetesObject[],
  kind: string,
  name: string,
): KubernetesObject {
  const found = objects.filter(
    (o) =>
      o.kind === kind &&
      (o.metadata.name === name ||
        (kind === 'ConfigMap' &&
          /^[0-9a-f]{10}$/.test(o.metadata.name.slice(name.length + 1)) &&
          o.metadata.name.startsWith(`${name}-`))),
  );
  if (found.length !== 1) throw new Error(`${found.length} ${kind} named ${name} in the rendering`);
  return found[0]!;
}

export function containerNamed(object: KubernetesObject, name: string): Container {
  const found = podContainersOf(object).find((c) => c.name === name);
  if (!found) throw new Error(`${object.kind} ${object.metadata.name} has no container ${name}`);
  return found as Container;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** One resolved environment variable: its value where the manifests fix it, and where it comes from. */
export interface ResolvedVariable {
  value: string | undefined;
  source: string;
}

/**
 * A container's environment as the kubelet builds it from the manifests: envFrom ConfigMaps, then env (value,
 * configMapKeyRef, secretKeyRef, resourceFieldRef), and for an Indexed Job's pods the JOB_COMPLETION_INDEX the
 * Job controller adds (per pod: its value is left undefined here).
 */
export function containerEnvironment(
  objects: readonly KubernetesObject[],
  workload: KubernetesObject,
  container: Container,
): Map<string, ResolvedVariable> {
  const env = new Map<string, ResolvedVariable>();
  const configMapData = (name: string): Record<string, unknown> | undefined => {
    try {
      const data = objectNamed(objects, 'ConfigMap', name).data;
      return isRecord(data) ? data : {};
    } catch {
      return undefined;
    }
  };
  for (const source of Array.isArray(container.envFrom) ? container.envFrom.filter(isRecord) : []) {
    if (!isRecord(source.configMapRef)) continue;
    for (const [key, value] of Object.entries(configMapData(String(source.configMapRef.name)) ?? {}))
      env.set(key, { value: String(value), source: `ConfigMap ${String(source.configMapRef.name)}` });
  }
  for (const variable of Array.isArray(container.env) ? container.env.filter(isRecord) : []) {
    const name = String(variable.name);
    if (variable.value !== undefined) {
      env.set(name, { value: String(variable.value), source: 'value' });
      continue;
    }
    const configMapKey = getPath(variable, 'valueFrom.configMapKeyRef');
    const secretKey = getPath(variable, 'valueFrom.secretKeyRef');
    const resourceField = getPath(variable, 'valueFrom.resourceFieldRef');
    if (isRecord(configMapKey)) {
      const data = configMapData(String(configMapKey.name));
      const value = data?.[String(configMapKey.key)];
      env.set(name, {
        value: value === undefined ? undefined : String(value),
        source: `ConfigMap ${String(configMapKey.name)} key ${String(configMapKey.key)}`,
      });
    } else if (isRecord(secretKey)) {
      env.set(name, {
        value: undefined,
        source: `Secret ${String(secretKey.name)} key ${String(secretKey.key)}`,
      });
    } else if (isRecord(resourceField)) {
      env.set(name, {
        value: resourceFieldValue(workload, resourceField, container),
        source: `resourceFieldRef ${String(resourceField.resource)}`,
      });
    } else {
      env.set(name, { value: undefined, source: 'valueFrom' });
    }
  }
  if (getPath(workload, 'spec.completionMode') === 'Indexed' && !env.has('JOB_COMPLETION_INDEX'))
    env.set('JOB_COMPLETION_INDEX', { value: undefined, source: 'the Job controller (Indexed)' });
  return env;
}

/** A resourceFieldRef's value: the named container's resource divided by the divisor, rounded up (the kubelet's rule). */
function resourceFieldValue(
  workload: KubernetesObject,
  ref: Record<string, unknown>,
  self: Container,
): string | undefined {
  const container = ref.containerName
    ? podContainersOf(workload).find((c) => c.name === ref.containerName)
    : self;
  const [section, resource] = String(ref.resource).split('.');
  const amount = quantity(getPath(container, `resources.${section}.${resource}`));
  const divisor = quantity(ref.divisor ?? '1');
  if (amount === undefined || divisor === undefined) return undefined;
  return String(Math.ceil(amount / divisor));
}

/** Kubernetes' $(VAR) expansion of command, args, env values and subPathExpr: $$ is a literal $, an unknown name stays. */
export function expandVariables(text: string, values: (name: string) => string | undefined): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name: string | undefined) =>
    name === undefined ? '$' : (values(name) ?? match),
  );
}

/** The $(VAR) names a text refers to ($$(VAR) is an escaped literal, not a reference). */
export function variableReferences(text: string): string[] {
  return [...text.matchAll(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)].flatMap((m) => (m[1] ? [m[1]] : []));
}

/** A Kubernetes quantity ("2", "500m", "1Gi", "512M") as a number (cores or bytes), or undefined. */
export function quantity(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(String(value ?? ''));
  if (!match) return undefined;
  const factor: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
  };
  return Number(match[1]) * (match[2] ? factor[match[2]]! : 1);
}

/** The pod specs and containers of every workload in a rendering, with where they are. */
export function everyContainer(
  objects: readonly KubernetesObject[],
): { workload: KubernetesObject; container: Container }[] {
  return objects.flatMap((workload) =>
    podContainersOf(workload).map((container) => ({ workload, container: container as Container })),
  );
}

export function workloads(objects: readonly KubernetesObject[]): KubernetesObject[] {
  return objects.filter((o) => podSpecOf(o) !== undefined);
}

/** A command's --help from the built CLI (packages/cli/dist), with the options it lists. */
export interface CliHelp {
  /** False when the CLI does not know the command (commander then prints the top-level help). */
  known: boolean;
  text: string;
  options: Set<string>;
}

export function cliHelp(command: string): CliHelp {
  const bin = join(repoRoot, 'packages/cli/dist/bin.js');
  const result = spawnSync(process.execPath, [bin, ...command.split(' '), '--help'], { encoding: 'utf8' });
  const text = `${result.stdout}${result.stderr}`;
  return {
    known: result.status === 0 && result.stdout.startsWith(`Usage: fpt ${command} `),
    text,
    options: helpOptions(text),
  };
}

/** The long options of a commander help text (`  -q, --quiet`, `  --segment <i/n>`), with --help. */
export function helpOptions(text: string): Set<string> {
  const section = text.split(/^Options:$/m)[1]?.split(/^\S/m)[0] ?? '';
  return new Set([...section.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]!));
}

/** The --options of an argument list (an option's value, even one that starts with --, is not one). */
export function optionsIn(args: readonly string[]): string[] {
  return args.filter((arg) => /^--[a-z][a-z0-9-]*$/.test(arg));
}

/** The value given to an option in an argument list (`--x v` or `--x=v`), or undefined. */
export function optionValue(args: readonly string[], option: string): string | undefined {
  const index = args.indexOf(option);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`${option}=`))?.slice(option.length + 1);
}

/** A shell glob (`*`, `?`) as a regular expression over a whole path. */
export function globPattern(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}
