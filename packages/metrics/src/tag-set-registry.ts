/** Sample tags: string keys to string values, as k6 has them. */
export type Tags = Readonly<Record<string, string>>;

/** One interned combination of tags. Compare tag sets by identity or by `id`. */
export interface TagSet {
  /** Small dense integer (0, 1, 2, ...), unique within one registry; not meaningful across registries. */
  readonly id: number;
  /** Frozen copy of the tags. */
  readonly tags: Tags;
  /** Canonical form: keys sorted, written as a JSON object, so equal tags give equal keys. */
  readonly key: string;
}

/**
 * Interns tag combinations so that a series is identified by one small integer, and the hot path can
 * hold the interned object instead of rebuilding and comparing tag maps per sample.
 */
export class TagSetRegistry {
  readonly #byKey = new Map<string, TagSet>();
  readonly #byId: TagSet[] = [];
  // Frozen objects cannot change, so the same object can skip the key computation next time.
  readonly #byFrozenObject = new WeakMap<object, TagSet>();

  intern(tags: Tags): TagSet {
    const cached = this.#byFrozenObject.get(tags);
    if (cached !== undefined) return cached;
    const key = canonicalTagKey(tags);
    let tagSet = this.#byKey.get(key);
    if (tagSet === undefined) {
      tagSet = Object.freeze({ id: this.#byId.length, tags: normaliseTags(tags), key });
      this.#byKey.set(key, tagSet);
      this.#byId.push(tagSet);
      this.#byFrozenObject.set(tagSet.tags, tagSet);
    }
    if (Object.isFrozen(tags)) this.#byFrozenObject.set(tags, tagSet);
    return tagSet;
  }

  get(id: number): TagSet | undefined {
    return this.#byId[id];
  }

  /** Whether this exact object was produced by this registry (a tag set from another registry is not). */
  owns(tagSet: TagSet): boolean {
    return this.#byId[tagSet.id] === tagSet;
  }

  get size(): number {
    return this.#byId.length;
  }

  [Symbol.iterator](): IterableIterator<TagSet> {
    return this.#byId[Symbol.iterator]();
  }
}

function sortedKeys(tags: Tags): string[] {
  // Code-unit order, not locale order, so the key is the same on every machine.
  return Object.keys(tags).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The registry's canonical key for a set of tags: `{"a":"1","b":"2"}` with keys sorted. */
export function canonicalTagKey(tags: Tags): string {
  let key = '{';
  let first = true;
  for (const name of sortedKeys(tags)) {
    if (!first) key += ',';
    first = false;
    key += JSON.stringify(name) + ':' + JSON.stringify(String(tags[name]));
  }
  return key + '}';
}

function normaliseTags(tags: Tags): Tags {
  // fromEntries defines own properties, so even a tag named `__proto__` survives as data.
  return Object.freeze(Object.fromEntries(sortedKeys(tags).map((name) => [name, String(tags[name])])));
}

/** True when `tags` has every pair of `filter` with an equal value: the k6 sub-metric rule. */
export function tagsMatch(tags: Tags, filter: Tags): boolean {
  for (const name in filter) {
    if (!Object.hasOwn(filter, name)) continue;
    if (!Object.hasOwn(tags, name) || tags[name] !== filter[name]) return false;
  }
  return true;
}
