import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

/**
 * A file an output writes lines to, gzip-compressed when its name ends in .gz (as k6's JSON and CSV
 * outputs do). Lines are gathered into chunks, so a per-sample output makes few large writes.
 */
export class OutputFile {
  readonly #file: Writable;
  readonly #stream: Writable;
  readonly #path: string;
  #chunk = '';
  /** The first write error (a full disk): later lines are dropped and the run goes on. */
  #error: Error | undefined;

  constructor(path: string) {
    this.#path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.#file = createWriteStream(path, { flags: 'w' });
    const onError = (error: Error) => {
      this.#error ??= error;
    };
    this.#file.on('error', onError);
    if (path.endsWith('.gz')) {
      const gzip = createGzip();
      gzip.on('error', onError);
      gzip.pipe(this.#file);
      this.#stream = gzip;
    } else {
      this.#stream = this.#file;
    }
  }

  write(line: string): void {
    this.#chunk += line;
    if (this.#chunk.length >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.#chunk === '') return;
    if (this.#error === undefined) this.#stream.write(this.#chunk);
    this.#chunk = '';
  }

  /** Writes what is left; resolves once the file is closed, with why it is incomplete if it is. */
  close(): Promise<string | undefined> {
    this.flush();
    return new Promise((resolve) => {
      const done = () =>
        resolve(
          this.#error === undefined ? undefined : `${this.#path} is incomplete: ${this.#error.message}`,
        );
      if (this.#file.closed || this.#file.destroyed) {
        done();
        return;
      }
      this.#file.once('close', done);
      this.#stream.end();
    });
  }
}
