import { describe, expect, it } from 'vitest';
import { HpackDecoder, HpackError } from '../src/http/hpack/hpack-decoder.js';
import { HpackEncoder } from '../src/http/hpack/hpack-encoder.js';
import { decodeHuffman, encodeHuffman, HuffmanError, huffmanLength } from '../src/http/hpack/huffman.js';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('HPACK Huffman code (RFC 7541 Appendix B)', () => {
  it('decodes and encodes the RFC examples (C.4)', () => {
    const examples: [string, string][] = [
      ['f1e3 c2e5 f23a 6ba0 ab90 f4ff', 'www.example.com'],
      ['a8eb 1064 9cbf', 'no-cache'],
      ['25a8 49e9 5ba9 7d7f', 'custom-key'],
      ['25a8 49e9 5bb8 e8b4 bf', 'custom-value'],
    ];
    for (const [code, text] of examples) {
      const bytes = hex(code);
      expect(decodeHuffman(bytes, 0, bytes.length)).toBe(text);
      const out = Buffer.alloc(64);
      expect(out.subarray(0, encodeHuffman(text, out, 0)).equals(bytes)).toBe(true);
      expect(huffmanLength(text)).toBe(bytes.length);
    }
  });

  it('round-trips every byte value, and refuses bad padding and EOS', () => {
    const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    const out = Buffer.alloc(2048);
    const end = encodeHuffman(all, out, 0);
    expect(decodeHuffman(out, 0, end)).toBe(all);
    // "0" is 00000 (5 bits): padding with zeros instead of ones is malformed.
    expect(() => decodeHuffman(Buffer.from([0b00000000]), 0, 1)).toThrow(HuffmanError);
    // 30 one-bits are EOS.
    expect(() => decodeHuffman(Buffer.from([0xff, 0xff, 0xff, 0xff]), 0, 4)).toThrow(/EOS|padding/);
  });
});

describe('HPACK encoder and decoder', () => {
  it('encodes the RFC C.4 requests byte for byte, with the dynamic table in between', () => {
    const encoder = new HpackEncoder();
    const first = [':method', 'GET', ':scheme', 'http', ':path', '/', ':authority', 'www.example.com'];
    expect(encoder.encode(first).equals(hex('8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff'))).toBe(true);
    expect(
      encoder.encode([...first, 'cache-control', 'no-cache']).equals(hex('8286 84be 5886 a8eb 1064 9cbf')),
    ).toBe(true);
    const third = [
      ':method',
      'GET',
      ':scheme',
      'https',
      ':path',
      '/index.html',
      ':authority',
      'www.example.com',
    ];
    expect(
      encoder
        .encode([...third, 'custom-key', 'custom-value'])
        .equals(hex('8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf')),
    ).toBe(true);
  });

  it('decodes what it encodes over many blocks, evicting in step, with the table shrunk to 0 and back', () => {
    const encoder = new HpackEncoder();
    const decoder = new HpackDecoder();
    for (let n = 0; n < 500; n++) {
      if (n === 200) encoder.setMaxTableSize(0);
      if (n === 300) encoder.setMaxTableSize(256);
      const fields = [
        ':status',
        String(200 + (n % 5)),
        'x-n',
        String(n),
        'x-long',
        'L'.repeat(n % 300),
        'set-cookie',
        `s=${n % 3}`,
      ];
      const block = encoder.encode(fields);
      const decoded = decoder.decode(block, 0, block.length);
      expect(decoded.status).toBe(200 + (n % 5));
      expect(decoded.block).toBe(`x-n: ${n}\r\nx-long: ${'L'.repeat(n % 300)}\r\nset-cookie: s=${n % 3}\r\n`);
      expect(decoded.setsCookies).toBe(true);
    }
  });

  it('reuses a block that added nothing, and says when the table changed', () => {
    const encoder = new HpackEncoder();
    const fields = [':method', 'GET', ':path', '/a', 'user-agent', 'fpt'];
    encoder.encode(fields);
    expect(encoder.addedEntries).toBe(true);
    const generation = encoder.generation;
    const second = encoder.encode(fields);
    expect(encoder.addedEntries).toBe(false);
    expect(encoder.generation).toBe(generation);
    expect(second.length).toBeLessThanOrEqual(4);
  });

  it('refuses blocks that would put the table out of step', () => {
    const decoder = new HpackDecoder();
    expect(() => decoder.decode(hex('be'), 0, 1)).toThrow(HpackError); // index 62 with an empty table
    expect(() => decoder.decode(hex('80'), 0, 1)).toThrow(/index 0/);
    expect(() => decoder.decode(hex('3fe21f'), 0, 3)).toThrow(/table size update/); // 4096 + 1
    expect(() => decoder.decode(hex('4085'), 0, 2)).toThrow(/runs past/);
  });
});
