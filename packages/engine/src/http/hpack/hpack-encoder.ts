import { encodeHuffman, huffmanLength } from './huffman.js';
import { staticNameIndex, staticPairIndex, staticTable } from './static-table.js';

const entryOverhead = 32;
/** The table the server's decoder keeps for us unless its SETTINGS say otherwise (RFC 9113 default). */
const defaultTableSize = 4096;

/**
 * The sending half of HPACK for one connection, as Go's encoder (and so k6) writes requests: static
 * entries where they match, every other field added to the dynamic table (so a VU's repeated requests
 * shrink to a few bytes of indexes), strings Huffman-coded when that is shorter. `generation` changes
 * whenever the table does, so a caller may reuse an encoded block that added nothing while it stays the same.
 */
export class HpackEncoder {
  /** Pair key → insertion number; name → insertion number of its newest entry. */
  readonly #pairs = new Map<string, number>();
  readonly #names = new Map<string, number>();
  /** Sizes of the entries still in the table, oldest first, by insertion number. */
  readonly #entries: { readonly key: string; readonly name: string; readonly size: number }[] = [];
  #evicted = 0;
  #inserted = 0;
  #size = 0;
  #maxSize = defaultTableSize;
  /** A size the next block must announce first (after the server lowered its table size). */
  #pendingSizeUpdate: number | undefined;
  /** Set by encode(): whether the block it wrote added entries. */
  addedEntries = false;

  /** Changes whenever the dynamic table does. */
  get generation(): number {
    return this.#inserted * 2 + (this.#pendingSizeUpdate === undefined ? 0 : 1);
  }

  /** The server's SETTINGS_HEADER_TABLE_SIZE: the table never grows past it (nor past our 4096). */
  setMaxTableSize(size: number): void {
    const next = Math.min(size, defaultTableSize);
    if (next === this.#maxSize) return;
    this.#maxSize = next;
    this.#evictFor(0);
    this.#pendingSizeUpdate = next;
  }

  /**
   * Encodes [name, value, name, value, ...] (names in lower case, values as one byte per character) into
   * a new buffer. Large enough for any header list FPT sends; values are never more than 64 KiB.
   */
  encode(fields: readonly string[]): Buffer {
    let capacity = 16;
    for (const field of fields) capacity += field.length + 12;
    const out = Buffer.allocUnsafe(capacity);
    let at = 0;
    this.addedEntries = false;
    if (this.#pendingSizeUpdate !== undefined) {
      at = writeInteger(out, at, this.#pendingSizeUpdate, 5, 0x20);
      this.#pendingSizeUpdate = undefined;
    }
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const name = fields[i]!;
      const value = fields[i + 1]!;
      const key = `${name}\u0000${value}`;
      const exact = staticPairIndex.get(key) ?? this.#dynamicIndex(this.#pairs.get(key));
      if (exact !== undefined) {
        at = writeInteger(out, at, exact, 7, 0x80);
        continue;
      }
      const nameIndex = staticNameIndex.get(name) ?? this.#dynamicIndex(this.#names.get(name)) ?? 0;
      const size = name.length + value.length + entryOverhead;
      const indexing = size <= this.#maxSize;
      at = writeInteger(out, at, nameIndex, indexing ? 6 : 4, indexing ? 0x40 : 0x00);
      if (nameIndex === 0) at = writeString(out, at, name);
      at = writeString(out, at, value);
      if (indexing) this.#insert(key, name, size);
    }
    return out.subarray(0, at);
  }

  /** The HPACK index of the entry with this insertion number, if it is still in the table. */
  #dynamicIndex(insertion: number | undefined): number | undefined {
    if (insertion === undefined || insertion < this.#evicted) return undefined;
    return staticTable.length + (this.#inserted - insertion);
  }

  #insert(key: string, name: string, size: number): void {
    this.#evictFor(size);
    const insertion = this.#inserted++;
    this.#entries.push({ key, name, size });
    this.#pairs.set(key, insertion);
    this.#names.set(name, insertion);
    this.#size += size;
    this.addedEntries = true;
  }

  #evictFor(room: number): void {
    while (this.#size + room > this.#maxSize && this.#entries.length > 0) {
      const oldest = this.#entries.shift()!;
      const insertion = this.#evicted++;
      this.#size -= oldest.size;
      if (this.#pairs.get(oldest.key) === insertion) this.#pairs.delete(oldest.key);
      if (this.#names.get(oldest.name) === insertion) this.#names.delete(oldest.name);
    }
  }
}

/** An HPACK integer with an N-bit prefix (RFC 7541 §5.1), the prefix's other bits set to `flags`. */
function writeInteger(out: Buffer, at: number, value: number, prefixBits: number, flags: number): number {
  const max = (1 << prefixBits) - 1;
  if (value < max) {
    out[at] = flags | value;
    return at + 1;
  }
  out[at++] = flags | max;
  let rest = value - max;
  while (rest >= 128) {
    out[at++] = (rest % 128) + 128;
    rest = Math.floor(rest / 128);
  }
  out[at++] = rest;
  return at;
}

/** A string literal, Huffman-coded when shorter (as Go's encoder chooses). */
function writeString(out: Buffer, at: number, text: string): number {
  const coded = huffmanLength(text);
  if (coded < text.length) {
    const start = writeInteger(out, at, coded, 7, 0x80);
    return encodeHuffman(text, out, start);
  }
  const start = writeInteger(out, at, text.length, 7, 0x00);
  return start + out.write(text, start, 'latin1');
}
