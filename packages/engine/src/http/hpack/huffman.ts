/**
 * HPACK's static Huffman code (RFC 7541 Appendix B). The code is canonical, so the bit length of each
 * symbol's code (0-255, and 256 for EOS) is all it takes to rebuild every code: codes of one length are
 * consecutive, in symbol order, after the codes of the shorter lengths.
 */
const codeLengths = [
  13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28,
  28, 28, 28, 28, 28, 6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7,
  8, 15, 6, 12, 10, 13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19,
  13, 14, 6, 15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, 6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13,
  28, 20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, 24, 24, 22, 23, 24, 23, 23, 23, 23, 21,
  22, 23, 22, 23, 23, 24, 22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, 21, 21, 22, 21, 23,
  22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23, 26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
  19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27, 20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25,
  25, 24, 24, 26, 23, 26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26, 30,
];

const eos = 256;
const maxLength = 30;

/** Per code length: the first code of that length, and where its symbols start in `symbols`. */
const firstCode = new Int32Array(maxLength + 2);
const firstIndex = new Int32Array(maxLength + 2);
const countOfLength = new Int32Array(maxLength + 2);
/** Symbols sorted by (code length, symbol): the canonical order. */
const symbols = new Uint16Array(codeLengths.length);
/** Each symbol's code, for encoding. */
const codes = new Uint32Array(codeLengths.length);

{
  for (const length of codeLengths) countOfLength[length]!++;
  let code = 0;
  let index = 0;
  for (let length = 1; length <= maxLength; length++) {
    firstCode[length] = code;
    firstIndex[length] = index;
    index += countOfLength[length]!;
    code = (code + countOfLength[length]!) << 1;
  }
  const next = Int32Array.from(firstIndex);
  const nextCode = Int32Array.from(firstCode);
  for (let symbol = 0; symbol < codeLengths.length; symbol++) {
    const length = codeLengths[symbol]!;
    symbols[next[length]!++] = symbol;
    codes[symbol] = nextCode[length]!++;
  }
}

/** Huffman data that does not decode (a bad padding, EOS inside, a code that does not exist). */
export class HuffmanError extends Error {
  constructor(problem: string) {
    super(`HPACK Huffman data is malformed: ${problem}`);
    this.name = 'HuffmanError';
  }
}

/**
 * Decodes buf[start, end) into a string of one character per byte (latin1), as header blocks are kept.
 * Canonical decoding: bits are taken one at a time until the code read so far falls within the codes of
 * its length. Padding must be at most 7 one-bits (the EOS prefix), as the RFC requires.
 */
export function decodeHuffman(buf: Uint8Array, start: number, end: number): string {
  let out = '';
  let code = 0;
  let length = 0;
  for (let i = start; i < end; i++) {
    const byte = buf[i]!;
    for (let bit = 7; bit >= 0; bit--) {
      code = (code << 1) | ((byte >> bit) & 1);
      length++;
      const offset = code - firstCode[length]!;
      if (offset >= 0 && offset < countOfLength[length]!) {
        const symbol = symbols[firstIndex[length]! + offset]!;
        if (symbol === eos) throw new HuffmanError('EOS inside a string');
        out += String.fromCharCode(symbol);
        code = 0;
        length = 0;
      } else if (length >= maxLength) {
        throw new HuffmanError('a code longer than 30 bits');
      }
    }
  }
  // What is left must be padding: fewer than 8 bits, all ones.
  if (length > 7 || code !== (1 << length) - 1) throw new HuffmanError('bad padding');
  return out;
}

/** The Huffman-coded length of a string of one byte per character, in bytes. */
export function huffmanLength(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++) bits += codeLengths[text.charCodeAt(i) & 0xff]!;
  return (bits + 7) >> 3;
}

/** Writes the Huffman code of `text` (one byte per character) at out[at]; returns the index after it. */
export function encodeHuffman(text: string, out: Uint8Array, at: number): number {
  let pending = 0;
  let pendingBits = 0;
  let position = at;
  for (let i = 0; i < text.length; i++) {
    const symbol = text.charCodeAt(i) & 0xff;
    const length = codeLengths[symbol]!;
    const code = codes[symbol]!;
    // Codes are up to 30 bits: feed them in two halves so the pending bits never pass 31.
    for (let shift = length > 15 ? length - 15 : 0, left = length; left > 0; ) {
      const take = left - shift;
      pending = (pending << take) | ((code >>> shift) & ((1 << take) - 1));
      pendingBits += take;
      left = shift;
      shift = 0;
      while (pendingBits >= 8) {
        pendingBits -= 8;
        out[position++] = (pending >>> pendingBits) & 0xff;
      }
      pending &= (1 << pendingBits) - 1;
    }
  }
  if (pendingBits > 0) out[position++] = ((pending << (8 - pendingBits)) | (0xff >> pendingBits)) & 0xff;
  return position;
}
