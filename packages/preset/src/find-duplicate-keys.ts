import { type Document, isScalar, type Node, visit } from 'yaml';

/**
 * Source offsets of every key that repeats an earlier key of the same mapping, in document order.
 *
 * The YAML library's own check (`uniqueKeys`) compares each new key with every earlier key of its map,
 * which is quadratic: a 50,000-key mapping took 15 s. Here each mapping gets one Set, so the work is
 * linear in the size of the document.
 *
 * Keys are compared as the property names they become once the preset is a plain object, so `1` and
 * `'1'` collide too: the library would let both through and the conversion would silently drop one.
 * Keys that are collections or aliases are left alone (a preset never has them; the library's check
 * does not compare them either).
 */
export function findDuplicateKeys(document: Document): number[] {
  const offsets: number[] = [];
  visit(document, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (seen.has(name)) offsets.push((pair.key as Node).range?.[0] ?? 0);
        else seen.add(name);
      }
    },
  });
  return offsets;
}
