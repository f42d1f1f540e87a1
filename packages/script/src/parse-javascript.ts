import { createRequire } from 'node:module';
import type * as Acorn from 'acorn';

/**
 * acorn, loaded on the first script parsed: it builds its Unicode tables as it loads (~10 ms of CPU), which
 * a preset without scripts, and so `fpt validate` or `fpt run` of one, need not pay.
 */
let acorn: typeof Acorn | undefined;

/** acorn's `parse`: a module's syntax tree, or a SyntaxError with the place (`loc`) of the first problem. */
export function parseJavaScript(source: string, options: Acorn.Options): Acorn.Program {
  acorn ??= createRequire(import.meta.url)('acorn') as typeof Acorn;
  return acorn.parse(source, options);
}
