import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { isRecord } from './key-schema.js';
import type { KubernetesObject } from './kubernetes-kustomize.js';

/**
 * Kubernetes' own schemas, offline: kubernetes-models validates an object against the API's OpenAPI
 * schema (types, enums, required fields, quantities). Those schemas do not refuse unknown fields, which the
 * API server does (kubectl's strict field validation): `comand:` or `terminationGracePeriod:` would pass
 * and be dropped. So the validator also runs on a recording view of the object, and a field it never looked
 * at in an object whose keys it did not enumerate (a map, such as labels or resources.limits) is unknown.
 */
const models: Record<string, { prototype: { validate(): void } }> = {
  'apps/v1 Deployment': Deployment,
  'batch/v1 Job': Job,
  'v1 ConfigMap': ConfigMap,
  'v1 PersistentVolumeClaim': PersistentVolumeClaim,
  'v1 Secret': Secret,
  'v1 Service': Service,
};

/** Every problem of one object against its kind's schema, as "Kind name: problem"; none when valid. */
export function schemaProblems(object: KubernetesObject): string[] {
  const label = `${String(object.kind)} ${String(object.metadata?.name)}`;
  const model = models[`${String(object.apiVersion)} ${String(object.kind)}`];
  if (!model) return [`${label}: no schema here for ${String(object.apiVersion)} ${String(object.kind)}`];

  const reads = new WeakMap<object, Set<PropertyKey>>();
  const enumerated = new WeakSet<object>();
  const note = (target: object, key: PropertyKey) => {
    const keys = reads.get(target) ?? new Set<PropertyKey>();
    keys.add(key);
    reads.set(target, keys);
  };
  const watch = (value: unknown): unknown =>
    typeof value !== 'object' || value === null
      ? value
      : new Proxy(value, {
          get(target, key, receiver) {
            note(target, key);
            return watch(Reflect.get(target, key, receiver));
          },
          has(target, key) {
            note(target, key);
            return Reflect.has(target, key);
          },
          ownKeys(target) {
            enumerated.add(target);
            return Reflect.ownKeys(target);
          },
        });
  try {
    model.prototype.validate.call(watch(object));
  } catch (error) {
    return (error as Error).message.split(/, (?=data\/)/).map((message) => `${label}: ${message}`);
  }

  const unknown: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, `${path}[${index}]`);
    } else if (isRecord(value))
      for (const [key, item] of Object.entries(value)) {
        if (!enumerated.has(value) && !reads.get(value)?.has(key))
          unknown.push(`${path}${path ? '.' : ''}${key}`);
        walk(item, `${path}${path ? '.' : ''}${key}`);
      }
  };
  walk(object, '');
  return unknown.map((path) => `${label}: ${path}: unknown field (the API server refuses it)`);
}
