import type * as z from 'zod';

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  in?: z.ZodType;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** The schemas that may describe `value` at this point (a union offers several, narrowed by its discriminator). */
function candidates(schema: z.ZodType, value: unknown): z.ZodType[] {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type !== 'union' || !def.options) return [inner];
  let options = def.options;
  if (def.discriminator && typeof value === 'object' && value !== null) {
    const tag = (value as Record<string, unknown>)[def.discriminator];
    const matching = options.filter((option) => {
      const shape = defOf(unwrap(option)).shape;
      const literal = shape?.[def.discriminator!];
      return (
        literal &&
        (literal as unknown as { _zod: { def: { values?: unknown[] } } })._zod.def.values?.includes(tag)
      );
    });
    if (matching.length > 0) options = matching;
  }
  return options.flatMap((option) => candidates(option, value));
}

/**
 * Field names the schema allows at `path`, given the actual document: used for "did you mean" hints.
 * Walks objects, lists, records and unions; returns [] where the path leaves the schema.
 */
export function knownKeysAt(root: z.ZodType, document: unknown, path: readonly PropertyKey[]): string[] {
  let schemas = [root];
  let value = document;
  for (const segment of path) {
    const next: z.ZodType[] = [];
    for (const schema of schemas) {
      for (const candidate of candidates(schema, value)) {
        const def = defOf(candidate);
        if (def.type === 'object' && def.shape && typeof segment === 'string' && def.shape[segment]) {
          next.push(def.shape[segment]);
        } else if (def.type === 'array' && def.element) {
          next.push(def.element);
        } else if (def.type === 'record' && def.valueType) {
          next.push(def.valueType);
        }
      }
    }
    schemas = next;
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<PropertyKey, unknown>)[segment]
        : undefined;
  }
  const keys = new Set<string>();
  for (const schema of schemas) {
    for (const candidate of candidates(schema, value)) {
      const shape = defOf(candidate).shape;
      if (shape) for (const key of Object.keys(shape)) keys.add(key);
    }
  }
  return [...keys];
}
