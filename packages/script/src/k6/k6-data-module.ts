/** Arrays SharedArray made in this thread, by name: one copy however many VUs open them. */
const shared = new Map<string, readonly unknown[]>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * `k6/data`: SharedArray. The first VU of a thread to construct one by a name runs its function; every
 * other VU gets the same frozen array, so a CSV of users costs one copy per thread, not one per VU.
 */
export function k6DataModule(): object {
  // A function, so `new SharedArray(…)` may return the shared array itself, as k6's does.
  function SharedArray(name: string, load: () => unknown[]): readonly unknown[] {
    const key = String(name);
    let array = shared.get(key);
    if (array === undefined) {
      const loaded = load();
      if (!Array.isArray(loaded))
        throw new TypeError(`SharedArray ${key}: the function must return an array`);
      array = deepFreeze(loaded);
      shared.set(key, array);
    }
    return array;
  }
  return { SharedArray, default: { SharedArray } };
}
