/** One member of a backup archive: a folder, or a file with its content. Paths are relative, "/"-separated. */
export interface TarEntry {
  readonly path: string;
  readonly type: 'file' | 'directory';
  /** A file's bytes; empty for a folder. */
  readonly content: Uint8Array;
  readonly mode: number;
  readonly mtimeMs: number;
  /** Owner ids, as tar keeps them: a restore by root with the system's tar gives the files to the agent's user. */
  readonly uid: number;
  readonly gid: number;
}

export const tarBlockSize = 512;
