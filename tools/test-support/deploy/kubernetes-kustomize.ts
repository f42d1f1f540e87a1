import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { isRecord } from './key-schema.js';
import { repoRoot } from './repo-files.js';

/**
 * A Kustomize build of deploy/kubernetes/, done here because no kustomize or kubectl binary is on the
 * development machines. It does what those kustomizations use, in kustomize's order, and refuses anything
 * else (an unknown key in a kustomization.yaml is an error): a new feature must be taught here before a
 * manifest may use it, so a rendering is never silently wrong.
 *
 * Order within one kustomization (kustomize's): its resources (files and other kustomizations, built first),
 * then its generators (configMapGenerator: create, merge or replace), then its transformers (patches,
 * namespace, images, replacements). At the very end of the top-level build, generated ConfigMaps get a
 * content-hash suffix and every reference to them follows (kustomize's addHashesToNames and
 * FixBackReferences). The suffix is a hash of the ConfigMap's data, not kustomize's exact digits.
 */

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

interface Resource {
  object: KubernetesObject;
  /** The name before the hash suffix: replacements, patches and references select by it. */
  originalName: string;
  generated: boolean;
}

const supportedKeys = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'images',
  'configMapGenerator',
  'patches',
  'replacements',
]);

export class KustomizeError extends Error {}

/** The objects `kubectl kustomize <dir>` prints, for a kustomization folder (relative to the repository). */
export function renderKustomization(dir: string): KubernetesObject[] {
  const resources = build(isAbsolute(dir) ? dir : join(repoRoot, dir));
  addHashSuffixes(resources);
  return resources.map((r) => r.object);
}

function build(dir: string): Resource[] {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new KustomizeError(`${relative(repoRoot, dir)}: no kustomization.yaml`);
  const where = relative(repoRoot, file);
  const kustomization = parseYaml(readFileSync(file, 'utf8')) as unknown;
  if (!isRecord(kustomization)) throw new KustomizeError(`${where}: not a map`);
  const unknown = Object.keys(kustomization).filter((key) => !supportedKeys.has(key));
  if (unknown.length > 0)
    throw new KustomizeError(
      `${where}: ${unknown.join(', ')} not supported by the test's renderer (tools/test-support/deploy/kubernetes-kustomize.ts)`,
    );
  if (
    kustomization.apiVersion !== 'kustomize.config.k8s.io/v1beta1' ||
    kustomization.kind !== 'Kustomization'
  )
    throw new KustomizeError(
      `${where}: apiVersion/kind should be kustomize.config.k8s.io/v1beta1 Kustomization`,
    );

  const resources: Resource[] = [];
  for (const entry of listOf(kustomization.resources, `${where} resources`)) {
    const path = join(dir, String(entry));
    if (!existsSync(path)) throw new KustomizeError(`${where}: resource ${entry} does not exist`);
    if (statSync(path).isDirectory()) resources.push(...build(path));
    else resources.push(...readObjects(path));
  }
  for (const generator of listOf(kustomization.configMapGenerator, `${where} configMapGenerator`))
    generateConfigMap(resources, generator, dir, where);
  for (const patch of listOf(kustomization.patches, `${where} patches`)) applyPatch(resources, patch, where);
  if (kustomization.namespace !== undefined) {
    for (const { object } of resources) object.metadata.namespace = String(kustomization.namespace);
  }
  for (const image of listOf(kustomization.images, `${where} images`)) setImage(resources, image, where);
  for (const replacement of listOf(kustomization.replacements, `${where} replacements`))
    replace(resources, replacement, where);
  return resources;
}

function listOf(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new KustomizeError(`${where}: should be a list`);
  return value;
}

function readObjects(path: string): Resource[] {
  const where = relative(repoRoot, path);
  return parseAllDocuments(readFileSync(path, 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new KustomizeError(`${where}: ${document.errors[0]!.message}`);
    const object = document.toJS() as unknown;
    if (!isRecord(object) || !isRecord(object.metadata) || typeof object.metadata.name !== 'string')
      throw new KustomizeError(`${where}: a document without kind and metadata.name`);
    return { object: object as KubernetesObject, originalName: object.metadata.name, generated: false };
  });
}

/** configMapGenerator: literals (KEY=VALUE), envs (files of KEY=VALUE lines) and files (KEY=path or path). */
function generateConfigMap(resources: Resource[], generator: unknown, dir: string, where: string): void {
  if (!isRecord(generator) || typeof generator.name !== 'string')
    throw new KustomizeError(`${where}: a configMapGenerator without a name`);
  const known = new Set(['name', 'behavior', 'literals', 'envs', 'files']);
  const unknown = Object.keys(generator).filter((key) => !known.has(key));
  if (unknown.length > 0)
    throw new KustomizeError(
      `${where}: configMapGenerator ${generator.name}: ${unknown.join(', ')} not supported`,
    );
  const data: Record<string, string> = {};
  const put = (key: string, value: string, source: string) => {
    if (!/^[-._a-zA-Z0-9]+$/.test(key))
      throw new KustomizeError(`${where}: ${source}: "${key}" is not a valid ConfigMap key`);
    if (key in data) throw new KustomizeError(`${where}: ${source}: ${key} given twice`);
    data[key] = value;
  };
  for (const literal of listOf(generator.literals, `${where} literals`)) {
    const [key, ...rest] = String(literal).split('=');
    if (rest.length === 0) throw new KustomizeError(`${where}: literal "${literal}" has no =`);
    put(key!, rest.join('='), `literal ${key}`);
  }
  for (const envFile of listOf(generator.envs, `${where} envs`)) {
    const text = readFileSync(join(dir, String(envFile)), 'utf8');
    for (const [key, value] of parseEnvFile(text, `${where}: ${envFile}`)) put(key, value, String(envFile));
  }
  for (const entry of listOf(generator.files, `${where} files`)) {
    const [first, second] = String(entry).split('=');
    const path = second ?? first!;
    put(second === undefined ? basename(path) : first!, readFileSync(join(dir, path), 'utf8'), path);
  }

  const behavior = generator.behavior ?? 'create';
  const existing = resources.find((r) => r.object.kind === 'ConfigMap' && r.originalName === generator.name);
  if (behavior === 'create') {
    if (existing)
      throw new KustomizeError(`${where}: ConfigMap ${generator.name} exists: use behavior merge`);
    resources.push({
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data },
      originalName: generator.name,
      generated: true,
    });
    return;
  }
  if (!existing?.generated)
    throw new KustomizeError(
      `${where}: ConfigMap ${generator.name} to ${behavior} was not generated by a base`,
    );
  if (behavior === 'merge') existing.object.data = { ...(existing.object.data as object), ...data };
  else if (behavior === 'replace') existing.object.data = data;
  else throw new KustomizeError(`${where}: behavior ${String(behavior)} is not create, merge or replace`);
}

/** An env file as kustomize reads it: KEY=VALUE lines, blank lines and # comments skipped, values as they are. */
export function parseEnvFile(text: string, where: string): [string, string][] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      if (at <= 0) throw new KustomizeError(`${where}: "${line}" is not KEY=VALUE`);
      return [line.slice(0, at).trim(), line.slice(at + 1)];
    });
}

/** patches: inline JSON 6902 operations (add, replace, remove) on the target kind and name. */
function applyPatch(resources: Resource[], patch: unknown, where: string): void {
  if (!isRecord(patch) || !isRecord(patch.target) || typeof patch.patch !== 'string')
    throw new KustomizeError(`${where}: a patch needs a target and an inline patch`);
  const { kind, name } = patch.target;
  const targets = resources.filter((r) => r.object.kind === kind && r.originalName === name);
  if (targets.length === 0) throw new KustomizeError(`${where}: no ${String(kind)} ${String(name)} to patch`);
  const operations = parseYaml(patch.patch) as unknown;
  if (!Array.isArray(operations))
    throw new KustomizeError(`${where}: only JSON 6902 patches (a list of operations) are supported here`);
  for (const target of targets) {
    for (const operation of operations) {
      if (!isRecord(operation) || typeof operation.path !== 'string')
        throw new KustomizeError(`${where}: a patch operation without a path`);
      const keys = operation.path
        .split('/')
        .slice(1)
        .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
      const last = keys.pop()!;
      let parent: unknown = target.object;
      for (const key of keys)
        parent = isRecord(parent) || Array.isArray(parent) ? (parent as never)[key] : undefined;
      if (!isRecord(parent))
        throw new KustomizeError(
          `${where}: ${operation.path}: no such place in ${String(kind)} ${String(name)}`,
        );
      if (operation.op === 'add' || operation.op === 'replace') {
        if (operation.op === 'replace' && !(last in parent))
          throw new KustomizeError(`${where}: replace ${operation.path}: nothing there`);
        parent[last] = operation.value;
      } else if (operation.op === 'remove') delete parent[last];
      else throw new KustomizeError(`${where}: patch op ${String(operation.op)} not supported`);
    }
  }
}

/** images: a container image whose name (without tag or digest) is `name` gets newName, newTag or digest. */
function setImage(resources: Resource[], image: unknown, where: string): void {
  if (!isRecord(image) || typeof image.name !== 'string')
    throw new KustomizeError(`${where}: an image without a name`);
  for (const container of resources.flatMap((r) => podContainersOf(r.object))) {
    const current = String(container.image ?? '');
    const { name, tag, digest } = splitImage(current);
    if (name !== image.name) continue;
    const newName = image.newName === undefined ? name : String(image.newName);
    if (image.digest !== undefined) container.image = `${newName}@${String(image.digest)}`;
    else if (image.newTag !== undefined) container.image = `${newName}:${String(image.newTag)}`;
    else container.image = `${newName}${digest ? `@${digest}` : tag ? `:${tag}` : ''}`;
  }
}

export function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest, digest] = image.split('@');
  const lastSlash = withoutDigest!.lastIndexOf('/');
  const colon = withoutDigest!.indexOf(':', lastSlash + 1);
  const name = colon === -1 ? withoutDigest! : withoutDigest!.slice(0, colon);
  const tag = colon === -1 ? undefined : withoutDigest!.slice(colon + 1);
  return { name, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/**
 * replacements: a source field's value into target fields. As kustomize does for a scalar target, only the
 * value is copied and the target keeps its type: "8" from a ConfigMap becomes the number 8 in an integer field.
 */
function replace(resources: Resource[], replacement: unknown, where: string): void {
  if (!isRecord(replacement) || !isRecord(replacement.source) || !Array.isArray(replacement.targets))
    throw new KustomizeError(`${where}: a replacement needs a source and targets`);
  const { kind, name, fieldPath } = replacement.source;
  const source = resources.find((r) => r.object.kind === kind && r.originalName === name);
  if (!source)
    throw new KustomizeError(`${where}: replacement source ${String(kind)} ${String(name)} not found`);
  const value = getPath(source.object, String(fieldPath));
  if (value === undefined || isRecord(value) || Array.isArray(value))
    throw new KustomizeError(`${where}: replacement source ${String(fieldPath)} is not a scalar`);
  for (const target of replacement.targets) {
    if (!isRecord(target) || !isRecord(target.select) || !Array.isArray(target.fieldPaths))
      throw new KustomizeError(`${where}: a replacement target needs select and fieldPaths`);
    const select = target.select;
    const selected = resources.filter((r) => r.object.kind === select.kind && r.originalName === select.name);
    if (selected.length === 0)
      throw new KustomizeError(`${where}: no ${String(select.kind)} ${String(select.name)} to replace in`);
    for (const resource of selected) {
      for (const path of target.fieldPaths) {
        const current = getPath(resource.object, String(path));
        if (current === undefined)
          throw new KustomizeError(`${where}: ${String(path)} not found in ${String(select.name)}`);
        const converted =
          typeof current === 'number' && /^-?\d+(\.\d+)?$/.test(String(value)) ? Number(value) : value;
        setPath(resource.object, String(path), typeof current === 'string' ? String(value) : converted);
      }
    }
  }
}

/** A dotted field path with kustomize's list selectors: `spec.template.spec.containers.[name=share].image`. */
function pathSteps(path: string): string[] {
  return path.split('.');
}

function step(node: unknown, key: string): unknown {
  const selector = /^\[(.+)=(.*)\]$/.exec(key);
  if (selector)
    return Array.isArray(node)
      ? node.find((item) => isRecord(item) && item[selector[1]!] === selector[2])
      : undefined;
  if (Array.isArray(node) && /^\d+$/.test(key)) return node[Number(key)];
  return isRecord(node) ? node[key] : undefined;
}

export function getPath(object: unknown, path: string): unknown {
  return pathSteps(path).reduce<unknown>((node, key) => step(node, key), object);
}

function setPath(object: unknown, path: string, value: unknown): void {
  const keys = pathSteps(path);
  const last = keys.pop()!;
  const parent = keys.reduce<unknown>((node, key) => step(node, key), object);
  if (isRecord(parent)) parent[last] = value;
  else if (Array.isArray(parent) && /^\d+$/.test(last)) parent[Number(last)] = value;
}

/** The pod template's spec of a workload (Deployment, Job), or undefined for other kinds. */
export function podSpecOf(object: KubernetesObject): Record<string, unknown> | undefined {
  const spec = getPath(object, 'spec.template.spec');
  return isRecord(spec) ? spec : undefined;
}

export function podContainersOf(object: KubernetesObject): Record<string, unknown>[] {
  const spec = podSpecOf(object);
  if (!spec) return [];
  return [...listOf(spec.initContainers, 'initContainers'), ...listOf(spec.containers, 'containers')].filter(
    isRecord,
  );
}

/** Every place a pod spec names a ConfigMap: env, envFrom and volumes. */
export function configMapReferences(
  object: KubernetesObject,
): { name: string; optional: boolean; set(name: string): void }[] {
  const spec = podSpecOf(object);
  if (!spec) return [];
  const holders: Record<string, unknown>[] = [];
  for (const container of podContainersOf(object)) {
    for (const variable of listOf(container.env, 'env').filter(isRecord)) {
      const ref = getPath(variable, 'valueFrom.configMapKeyRef');
      if (isRecord(ref)) holders.push(ref);
    }
    for (const source of listOf(container.envFrom, 'envFrom').filter(isRecord))
      if (isRecord(source.configMapRef)) holders.push(source.configMapRef);
  }
  for (const volume of listOf(spec.volumes, 'volumes').filter(isRecord))
    if (isRecord(volume.configMap)) holders.push(volume.configMap);
  return holders.map((holder) => ({
    name: String(holder.name),
    optional: holder.optional === true,
    set: (name: string) => {
      holder.name = name;
    },
  }));
}

function addHashSuffixes(resources: Resource[]): void {
  const renamed = new Map<string, string>();
  for (const resource of resources.filter((r) => r.generated)) {
    const digest = createHash('sha256')
      .update(
        JSON.stringify({
          kind: 'ConfigMap',
          name: resource.originalName,
          data: sortedData(resource.object.data),
        }),
      )
      .digest('hex')
      .slice(0, 10);
    const name = `${resource.originalName}-${digest}`;
    resource.object.metadata.name = name;
    renamed.set(resource.originalName, name);
  }
  for (const { object } of resources)
    for (const reference of configMapReferences(object)) {
      const name = renamed.get(reference.name);
      if (name) reference.set(name);
    }
}

function sortedData(data: unknown): Record<string, unknown> {
  return isRecord(data)
    ? Object.fromEntries(Object.entries(data).sort(([a], [b]) => a.localeCompare(b)))
    : {};
}
