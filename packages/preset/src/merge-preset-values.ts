/**
 * How `extends` combines a parent preset with a child: mappings merge key by key (so a child can change
 * one scenario option or add one threshold), lists and scalars from the child replace the parent's,
 * and `null` in the child removes the parent's entry.
 */
export function mergePresetValues(parent: unknown, child: unknown): unknown {
  if (!isPlainObject(parent) || !isPlainObject(child)) return child;
  const merged: Record<string, unknown> = { ...parent };
  for (const [key, value] of Object.entries(child)) {
    if (value === null) delete merged[key];
    else merged[key] = key in parent ? mergePresetValues(parent[key], value) : value;
  }
  return merged;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
