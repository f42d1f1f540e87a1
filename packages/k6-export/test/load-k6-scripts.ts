import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const hostPath = fileURLToPath(new URL('./k6-module-host.mjs', import.meta.url));

/** What loading a script as an ES module (k6 modules stood in) exposed. */
export type LoadedK6Script =
  | {
      readonly options: Record<string, unknown>;
      /** Exported functions by name, with their kind: Function or AsyncFunction. */
      readonly functions: Record<string, string>;
      readonly error?: undefined;
    }
  | { readonly error: string };

/**
 * Loads each script as an ES module in a separate Node process (vm modules need a flag vitest workers do
 * not have) and returns its exported options and functions, in order.
 */
export function loadK6Scripts(
  scripts: readonly { source: string; env?: Record<string, string> }[],
): Promise<LoadedK6Script[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-vm-modules', '--no-warnings', hostPath], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`k6 module host exited with ${code}: ${stderr}`));
        return;
      }
      resolve((JSON.parse(stdout) as { results: LoadedK6Script[] }).results);
    });
    child.stdin.end(JSON.stringify({ scripts }));
  });
}
