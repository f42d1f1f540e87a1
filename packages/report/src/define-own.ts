/**
 * Sets `record[key]` as an own data property. Metric names may legally be `__proto__`, which a plain
 * assignment would turn into a prototype change instead of a key.
 */
export function defineOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
