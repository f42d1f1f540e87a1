/** Merging sinks of different types is always a programming error (or a corrupt snapshot): fail fast. */
export function sinkTypeMismatch(expected: string, actual: string): TypeError {
  return new TypeError(`cannot merge a ${actual} sink into a ${expected} sink`);
}
