import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { type TarEntry, tarBlockSize } from './tar-entry.js';
import { tarChecksum } from './tar-writer.js';

/** An archive that is not the tar.gz it should be, or is damaged; the message says where. */
export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

/**
 * Reads a .tar.gz and hands each folder and file to `onEntry`, in archive order, one file's content in
 * memory at a time. It reads what tarBlocks writes (ustar with pax paths) and what tar's ustar format
 * writes (a name prefix); links, devices and other members an FPT backup never holds are refused.
 */
export async function readTarGz(file: string, onEntry: (entry: TarEntry) => void): Promise<void> {
  const parser = new TarParser(onEntry);
  // What the parser or `onEntry` threw: leaving the loop early makes the pipeline reject with an
  // AbortError of its own, which would hide it.
  let failure: { error: unknown } | undefined;
  try {
    await pipeline(createReadStream(file), createGunzip(), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        try {
          parser.push(chunk);
        } catch (error) {
          failure = { error };
          return;
        }
      }
    });
  } catch (error) {
    if (!failure) throw error;
  }
  if (failure) throw failure.error;
  parser.end();
}

interface PendingHeader {
  readonly path: string;
  readonly typeflag: string;
  readonly size: number;
  readonly mode: number;
  readonly mtimeMs: number;
  readonly uid: number;
  readonly gid: number;
}

class TarParser {
  readonly #onEntry: (entry: TarEntry) => void;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #header: PendingHeader | undefined;
  /** The path a pax header gave the next member. */
  #paxPath: string | undefined;
  #ended = false;
  #offset = 0;

  constructor(onEntry: (entry: TarEntry) => void) {
    this.#onEntry = onEntry;
  }

  push(chunk: Buffer): void {
    if (this.#ended) return;
    this.#chunks.push(chunk);
    this.#buffered += chunk.byteLength;
    for (;;) {
      if (!this.#header) {
        if (this.#buffered < tarBlockSize) return;
        const block = this.#take(tarBlockSize);
        if (block.every((byte) => byte === 0)) {
          // The first of the two empty blocks that end the archive: whatever follows is padding.
          this.#ended = true;
          return;
        }
        this.#header = this.#parseHeader(block);
        continue;
      }
      const padded = Math.ceil(this.#header.size / tarBlockSize) * tarBlockSize;
      if (this.#buffered < padded) return;
      const content = this.#take(padded).subarray(0, this.#header.size);
      const header = this.#header;
      this.#header = undefined;
      this.#member(header, content);
    }
  }

  end(): void {
    if (!this.#ended) {
      throw new TarFormatError(
        this.#header || this.#buffered > 0
          ? `the archive ends in the middle of ${this.#header?.path ?? 'a header'}: it is cut short`
          : 'the archive has no end marker: it is cut short',
      );
    }
  }

  #member(header: PendingHeader, content: Buffer): void {
    switch (header.typeflag) {
      case 'x':
        this.#paxPath = paxPath(content.toString('utf8')) ?? this.#paxPath;
        return;
      case 'g':
        return;
      case '0':
      case '\0':
      case '5': {
        const path = this.#paxPath ?? header.path;
        this.#paxPath = undefined;
        this.#onEntry({
          path: header.typeflag === '5' ? path.replace(/\/+$/, '') : path,
          type: header.typeflag === '5' ? 'directory' : 'file',
          content,
          mode: header.mode,
          mtimeMs: header.mtimeMs,
          uid: header.uid,
          gid: header.gid,
        });
        return;
      }
      default:
        throw new TarFormatError(
          `${header.path} is a ${memberKinds[header.typeflag] ?? `member of type "${header.typeflag}"`}: a backup holds only folders and regular files`,
        );
    }
  }

  #parseHeader(block: Buffer): PendingHeader {
    const at = this.#offset - tarBlockSize;
    const checksum = octalField(block, 148, 8);
    if (checksum !== tarChecksum(block)) {
      throw new TarFormatError(
        `the header at byte ${at} of the archive is damaged (its checksum does not match)`,
      );
    }
    const name = textField(block, 0, 100);
    const ustar = block.toString('latin1', 257, 262) === 'ustar';
    const prefix = ustar ? textField(block, 345, 155) : '';
    return {
      path: prefix ? `${prefix}/${name}` : name,
      typeflag: String.fromCharCode(block[156]!),
      size: octalField(block, 124, 12),
      mode: octalField(block, 100, 8),
      mtimeMs: octalField(block, 136, 12) * 1000,
      uid: octalField(block, 108, 8),
      gid: octalField(block, 116, 8),
    };
  }

  #take(length: number): Buffer {
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    const taken = all.subarray(0, length);
    const rest = all.subarray(length);
    this.#chunks = rest.byteLength > 0 ? [rest] : [];
    this.#buffered = rest.byteLength;
    this.#offset += length;
    return taken;
  }
}

const memberKinds: Readonly<Record<string, string>> = {
  '1': 'hard link',
  '2': 'symbolic link',
  '3': 'character device',
  '4': 'block device',
  '6': 'FIFO',
  L: 'GNU long name',
};

function textField(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.toString('utf8', 0, end === -1 ? length : end);
}

function octalField(block: Buffer, offset: number, length: number): number {
  const text = textField(block, offset, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`a header field holds "${text}", not an octal number`);
  return Number.parseInt(text, 8);
}

/** The `path` record of pax extended header text ("<length> path=<value>\n" records). */
function paxPath(text: string): string | undefined {
  let path: string | undefined;
  let rest = text;
  while (rest.length > 0) {
    const match = /^(\d+) /.exec(rest);
    if (!match) break;
    // The length counts bytes; records here are read from the decoded text, so measure bytes too.
    const bytes = Buffer.from(rest, 'utf8').subarray(0, Number(match[1])).toString('utf8');
    const record = bytes.slice(match[0].length).replace(/\n$/, '');
    const equals = record.indexOf('=');
    if (record.slice(0, equals) === 'path') path = record.slice(equals + 1);
    rest = rest.slice(bytes.length);
  }
  return path;
}
