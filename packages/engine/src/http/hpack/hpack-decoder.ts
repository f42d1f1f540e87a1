import { decodeHuffman } from './huffman.js';
import { staticTable } from './static-table.js';

/** A header block that does not decode: the connection's HPACK state is lost (COMPRESSION_ERROR). */
export class HpackError extends Error {
  constructor(problem: string) {
    super(`HPACK: ${problem}`);
    this.name = 'HpackError';
  }
}

/** What a response's header block says, in the form the rest of the client reads (as HTTP/1.1 gives it). */
export interface DecodedHeaders {
  /** :status, or -1 when the block had none (trailers). */
  status: number;
  /** "name: value\r\n" lines, one per field (pseudo-headers left out), one byte per character. */
  block: string;
  setsCookies: boolean;
}

/** Entry overhead in the table size accounting (RFC 7541 §4.1). */
const entryOverhead = 32;
/** A response head larger than this is refused, as the HTTP/1.1 parser refuses one over 64 KiB. */
const maxDecodedBytes = 64 * 1024;

/**
 * The receiving half of HPACK (RFC 7541) for one connection: the dynamic table the server fills, and the
 * decoding of each header block into the raw header block FPT keeps. Every block of the connection goes
 * through it, in order, or the table would drift from the server's.
 */
export class HpackDecoder {
  /** Newest first, as indexing counts. */
  readonly #table: [string, string][] = [];
  #size = 0;
  /** What our SETTINGS_HEADER_TABLE_SIZE allows (the server may shrink the table below it). */
  readonly #maxAllowed: number;
  #maxSize: number;

  constructor(maxTableSize = 4096) {
    this.#maxAllowed = maxTableSize;
    this.#maxSize = maxTableSize;
  }

  decode(buf: Uint8Array, start: number, end: number): DecodedHeaders {
    const result: DecodedHeaders = { status: -1, block: '', setsCookies: false };
    let decodedBytes = 0;
    let at = start;
    let fieldsSeen = false;
    while (at < end) {
      const first = buf[at]!;
      let name: string;
      let value: string;
      if (first & 0x80) {
        // Indexed field.
        const index = this.#integer(buf, at, end, 7);
        at = this.#next;
        [name, value] = this.#entry(index);
      } else if (first & 0x40) {
        // Literal with incremental indexing.
        ({ name, value, at } = this.#literal(buf, at, end, 6));
        this.#insert(name, value);
      } else if (first & 0x20) {
        // Dynamic table size update: only before the first field.
        if (fieldsSeen) throw new HpackError('a table size update after a field');
        const size = this.#integer(buf, at, end, 5);
        at = this.#next;
        if (size > this.#maxAllowed)
          throw new HpackError(`table size update to ${size}, above the ${this.#maxAllowed} allowed`);
        this.#maxSize = size;
        this.#evict(0);
        continue;
      } else {
        // Literal without indexing, or never indexed (4-bit prefix either way).
        ({ name, value, at } = this.#literal(buf, at, end, 4));
      }
      fieldsSeen = true;
      decodedBytes += name.length + value.length + entryOverhead;
      if (decodedBytes > maxDecodedBytes)
        throw new HpackError(`header list larger than ${maxDecodedBytes} bytes`);
      if (name.charCodeAt(0) === 58) {
        if (name === ':status') result.status = Number(value);
        continue;
      }
      if (name === 'set-cookie') result.setsCookies = true;
      result.block += `${name}: ${value}\r\n`;
    }
    return result;
  }

  /** Set by #integer: the index after the integer it read. */
  #next = 0;

  #integer(buf: Uint8Array, at: number, end: number, prefixBits: number): number {
    const mask = (1 << prefixBits) - 1;
    let value = buf[at]! & mask;
    let position = at + 1;
    if (value === mask) {
      let shift = 0;
      for (;;) {
        if (position >= end) throw new HpackError('an integer runs past the block');
        const byte = buf[position++]!;
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
        if ((byte & 0x80) === 0) break;
        if (shift > 28) throw new HpackError('an integer too large');
      }
    }
    this.#next = position;
    return value;
  }

  #string(buf: Uint8Array, at: number, end: number): { text: string; at: number } {
    if (at >= end) throw new HpackError('a string runs past the block');
    const huffman = (buf[at]! & 0x80) !== 0;
    const length = this.#integer(buf, at, end, 7);
    const from = this.#next;
    const to = from + length;
    if (to > end) throw new HpackError('a string runs past the block');
    const text = huffman
      ? decodeHuffman(buf, from, to)
      : Buffer.from(buf.buffer, buf.byteOffset + from, length).toString('latin1');
    return { text, at: to };
  }

  #literal(
    buf: Uint8Array,
    at: number,
    end: number,
    prefixBits: number,
  ): { name: string; value: string; at: number } {
    const index = this.#integer(buf, at, end, prefixBits);
    let position = this.#next;
    let name: string;
    if (index === 0) {
      const read = this.#string(buf, position, end);
      name = read.text;
      position = read.at;
    } else {
      name = this.#entry(index)[0];
    }
    const read = this.#string(buf, position, end);
    return { name, value: read.text, at: read.at };
  }

  #entry(index: number): readonly [string, string] {
    if (index === 0) throw new HpackError('index 0');
    if (index <= staticTable.length) return staticTable[index - 1]!;
    const entry = this.#table[index - staticTable.length - 1];
    if (entry === undefined) throw new HpackError(`index ${index} is not in the table`);
    return entry;
  }

  #insert(name: string, value: string): void {
    const size = name.length + value.length + entryOverhead;
    this.#evict(size);
    // An entry larger than the table empties it and is not added (RFC 7541 §4.4).
    if (size > this.#maxSize) return;
    this.#table.unshift([name, value]);
    this.#size += size;
  }

  /** Drops the oldest entries until `room` more bytes fit. */
  #evict(room: number): void {
    while (this.#size + room > this.#maxSize && this.#table.length > 0) {
      const [name, value] = this.#table.pop()!;
      this.#size -= name.length + value.length + entryOverhead;
    }
  }
}
