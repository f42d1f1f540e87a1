/** The k6 modules FPT implements; a script imports them by these names, as in k6. */
export const k6Modules = [
  'k6',
  'k6/http',
  'k6/metrics',
  'k6/data',
  'k6/execution',
  'k6/crypto',
  'k6/encoding',
] as const;

export type K6ModuleName = (typeof k6Modules)[number];

/** What an import names: one of FPT's k6 modules, a file of the suite, or something FPT refuses. */
export type ModuleSpecifier =
  | { readonly kind: 'k6'; readonly name: K6ModuleName }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'refused'; readonly reason: string; readonly hint: string };

const knownK6 = new Set<string>(k6Modules);

/**
 * Why an import that is not FPT's cannot run. k6 modules FPT does not implement are named, so a team
 * knows which part of its suite to change; Node's and npm's modules are refused because a script must not
 * reach the file system, processes or the network beyond the k6 API.
 */
export function classifySpecifier(specifier: string): ModuleSpecifier {
  if (knownK6.has(specifier)) return { kind: 'k6', name: specifier as K6ModuleName };
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/'))
    return { kind: 'file', path: specifier };
  if (/^https?:\/\//.test(specifier))
    return {
      kind: 'refused',
      reason: 'a remote module: FPT does not download code while it loads a script',
      hint: 'download the file beside the script and import it by a relative path (./lib/name.js)',
    };
  if (specifier === 'k6/browser' || specifier === 'k6/experimental/browser')
    return {
      kind: 'refused',
      reason: 'the browser module is not available in scripts',
      hint: 'write the browser journey as a preset scenario with browser: steps (docs/presets.md)',
    };
  if (specifier.startsWith('k6/'))
    return {
      kind: 'refused',
      reason: 'a k6 module FPT does not support',
      hint: `FPT's scripts have ${k6Modules.join(', ')} (docs/scripts.md lists what each holds)`,
    };
  return {
    kind: 'refused',
    reason: 'a Node.js or npm module; scripts reach only the k6 API',
    hint: 'k6 has no Node modules either; use k6/http for the network, open() in the init code for files, or bundle a pure library into a relative file',
  };
}
