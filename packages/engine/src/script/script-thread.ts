import { type CompiledScript, compileScript, type LoadedScript, openScriptFile } from '@fpt/script';

/** Scripts compiled in this thread, by entry and environment: each is compiled once, whatever the VUs. */
const compiled = new Map<string, CompiledScript>();
/** Files open() read in this thread, by path and mode. */
const opened = new Map<string, string | ArrayBuffer>();

/**
 * The compiled script for this thread, with the globals every VU shares: __ENV, open() (files beside the
 * script, read once per thread) and console (to stderr, as k6 logs).
 */
export function compiledScriptFor(
  script: LoadedScript,
  env: Readonly<Record<string, string>>,
): CompiledScript {
  const key = `${script.entry}\u0000${JSON.stringify(env)}`;
  let found = compiled.get(key);
  if (found === undefined) {
    found = compileScript(script, {
      __ENV: Object.freeze({ ...env }),
      open: (path: string, mode?: string) => openFile(script, path, mode),
      console: scriptConsole,
    });
    compiled.set(key, found);
  }
  return found;
}

function openFile(script: LoadedScript, path: string, mode: string | undefined): string | ArrayBuffer {
  const key = `${script.entry}\u0000${path}\u0000${mode === 'b' ? 'b' : 't'}`;
  let content = opened.get(key);
  if (content === undefined) {
    content = openScriptFile(script.entry, script.root, path, mode);
    opened.set(key, content);
  }
  return content;
}

const print =
  (level: string) =>
  (...args: unknown[]) =>
    process.stderr.write(
      `${level} ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')} source=console\n`,
    );

const scriptConsole = Object.freeze({
  log: print('INFO'),
  info: print('INFO'),
  debug: print('DEBUG'),
  warn: print('WARN'),
  error: print('ERRO'),
});
