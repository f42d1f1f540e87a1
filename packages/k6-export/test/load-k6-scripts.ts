import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const hostPath = fileURLToPath(new URL('./k6-module-host.mjs', import.meta.url));

/** What a script did when run with the live stand-ins (see k6-stand-ins.mjs). */
export interface K6ScriptRecord {
  readonly requests: {
    scenario: string;
    /** k6's group path the request was sent in: "::checkout::pay", "" outside any group. */
    group: string;
    method: string;
    url: string;
    name?: string;
    body?: string;
  }[];
  /** Passes and fails per `scenario|name tag|check name`. */
  readonly checks: Record<string, { passes: number; fails: number }>;
  /** Every metric the script created, with each value added to it, its tags and group path. */
  readonly metrics: Record<
    string,
    {
      kind: string;
      isTime: boolean;
      samples: number;
      adds: { value: number | boolean; tags: Record<string, string>; group: string }[];
    }
  >;
  /** The group path of each group() call, in order. */
  readonly groups: string[];
  /** Each sleep() call: its seconds and the group path it was made in. */
  readonly sleeps: { seconds: number; group: string }[];
  /** Each page a browser journey visited, with the name its metrics were tagged with. */
  readonly pages: { url: string; name: string }[];
}

/** What loading a script as an ES module (k6 modules stood in) exposed, and what running it did. */
export type LoadedK6Script =
  | {
      readonly options: Record<string, unknown>;
      /** Exported functions by name, with their kind: Function or AsyncFunction. */
      readonly functions: Record<string, string>;
      readonly record?: K6ScriptRecord;
      readonly error?: undefined;
    }
  | { readonly error: string };

export interface K6ScriptInput {
  readonly source: string;
  readonly env?: Record<string, string>;
  /** The folder the script stands in, from which its open() calls read files (the preset's folder). */
  readonly dir?: string;
  /** Run setup and each scenario's function this many times, with live stand-ins (real HTTP, Chromium). */
  readonly run?: { readonly iterations: number; readonly chromiumPath?: string };
}

/**
 * Loads each script as an ES module in a separate Node process (vm modules need a flag vitest workers do
 * not have) and returns its exported options and functions, in order; with `run`, also what it did.
 */
export function loadK6Scripts(scripts: readonly K6ScriptInput[]): Promise<LoadedK6Script[]> {
  return new Promise((resolve, reject) => {
    const args = ['--experimental-vm-modules', '--no-warnings', hostPath];
    const child = execFile(
      process.execPath,
      args,
      { maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`the k6 module host failed: ${stderr || error.message}`));
        else resolve((JSON.parse(stdout) as { results: LoadedK6Script[] }).results);
      },
    );
    child.stdin?.end(JSON.stringify({ scripts }));
  });
}
