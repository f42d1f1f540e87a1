import { type TarEntry, tarBlockSize } from './tar-entry.js';

/** ustar's name field; longer paths go in a pax header before the entry (POSIX.1-2001, read by every tar). */
const ustarNameBytes = 100;
/** 11 octal digits. */
const largestUstarSize = 0o77777777777;

/**
 * The blocks of a POSIX tar archive (ustar, with pax headers for long paths) holding the entries, then the
 * two empty blocks that end it. A generator, so that an archive of many run folders streams through gzip to
 * the file with one file's content in memory at a time.
 */
export async function* tarBlocks(
  entries: AsyncIterable<TarEntry> | Iterable<TarEntry>,
): AsyncGenerator<Buffer> {
  for await (const entry of entries) {
    const name = entry.type === 'directory' ? `${entry.path.replace(/\/$/, '')}/` : entry.path;
    if (Buffer.byteLength(name) > ustarNameBytes) {
      const records = Buffer.from(paxRecord('path', name));
      yield header({ ...entry, type: 'file', content: records }, truncatedName(`PaxHeaders/${name}`), 'x');
      yield* padded(records);
    }
    yield header(entry, truncatedName(name), entry.type === 'directory' ? '5' : '0');
    if (entry.type === 'file') yield* padded(entry.content);
  }
  yield Buffer.alloc(tarBlockSize * 2);
}

function header(entry: TarEntry, name: string, typeflag: string): Buffer {
  const size = typeflag === '5' ? 0 : entry.content.byteLength;
  if (size > largestUstarSize) throw new Error(`${entry.path} is larger than a tar entry can hold (8 GiB)`);
  const block = Buffer.alloc(tarBlockSize);
  block.write(name, 0, ustarNameBytes, 'utf8');
  octal(block, 100, 8, entry.mode & 0o7777);
  octal(block, 108, 8, entry.uid);
  octal(block, 116, 8, entry.gid);
  octal(block, 124, 12, size);
  octal(block, 136, 12, Math.floor(entry.mtimeMs / 1000));
  block.fill(' ', 148, 156);
  block.write(typeflag, 156, 1, 'ascii');
  block.write('ustar\0', 257, 6, 'latin1');
  block.write('00', 263, 2, 'ascii');
  octal(block, 148, 8, tarChecksum(block));
  return block;
}

/** The sum of the header's bytes with its checksum field counted as spaces. */
export function tarChecksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < tarBlockSize; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum;
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  // Ids beyond what the field holds (some hosts map users to large ids) are written as 0 rather than fail.
  const digits = value.toString(8);
  block.write(
    `${digits.length < length ? digits.padStart(length - 1, '0') : '0'.repeat(length - 1)}\0`,
    offset,
    length,
    'ascii',
  );
}

function* padded(content: Uint8Array): Generator<Buffer> {
  if (content.byteLength === 0) return;
  yield Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const rest = content.byteLength % tarBlockSize;
  if (rest > 0) yield Buffer.alloc(tarBlockSize - rest);
}

/** A pax record, "<length> <key>=<value>\n", whose length counts its own digits. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyBytes = Buffer.byteLength(body);
  let length = bodyBytes + 1;
  while (String(length).length + bodyBytes !== length) length = String(length).length + bodyBytes;
  return `${length}${body}`;
}

/** At most 100 bytes, cut at a character boundary: what a reader that ignores pax headers would see. */
function truncatedName(name: string): string {
  let cut = name;
  while (Buffer.byteLength(cut) > ustarNameBytes) cut = cut.slice(0, -1);
  return cut;
}
