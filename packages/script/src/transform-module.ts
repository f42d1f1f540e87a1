import type { Node } from 'acorn';
import { classifySpecifier } from './module-specifiers.js';
import { parseJavaScript } from './parse-javascript.js';
import type { ScriptProblem } from './script-problem.js';
import { boundNames, type Visit, walk } from './syntax-tree.js';

/** One module of a script, rewritten as the body of `function (__import, __exports, __fpt)`. */
export interface TransformedModule {
  readonly file: string;
  /** The code, each line where the source had it, so errors point at the script's own lines. */
  readonly body: string;
  /** Files it imports, as the loader resolved them (their keys in the program). */
  readonly fileImports: readonly string[];
}

/** Where the loader finds an imported file, or why it cannot. */
export type ResolveFile = (
  specifier: string,
  importer: string,
) => { readonly key: string } | { readonly problem: string; readonly hint?: string };

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

type AnyNode = Node & Record<string, unknown>;

/** The parameter names of a module function; `__fpt` carries the VU's own values (`__VU`, `__ITER`). */
export const moduleParameters = ['__import', '__exports', '__fpt'] as const;

/**
 * Rewrites an ES module into a function body the program can run once per VU: imports become calls to
 * `__import`, exports become getters on `__exports` (live, as ES bindings are), and k6's per-VU globals
 * `__VU` and `__ITER` read the VU's own values. What a script must not do (dynamic import, import.meta,
 * Node's modules, modules FPT does not have) is reported with its place, and nothing is run.
 */
export function transformModule(
  file: string,
  source: string,
  resolveFile: ResolveFile,
): { module?: TransformedModule; problems: ScriptProblem[] } {
  const problems: ScriptProblem[] = [];
  let program: AnyNode;
  try {
    program = parseJavaScript(source, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      locations: true,
      allowHashBang: true,
    }) as unknown as AnyNode;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    return {
      problems: [
        {
          file,
          line: loc?.line ?? 1,
          column: (loc?.column ?? 0) + 1,
          message: `not valid JavaScript: ${message}`,
          hint: file.endsWith('.ts')
            ? 'TypeScript is not read yet: run the script through tsc or esbuild to JavaScript first'
            : undefined,
        },
      ],
    };
  }
  const at = (node: AnyNode) => {
    const loc = node.loc as { start: { line: number; column: number } };
    return { file, line: loc.start.line, column: loc.start.column + 1 };
  };
  const edits: Edit[] = [];
  const exported: [string, string][] = [];
  const fileImports: string[] = [];
  const moduleKey = (specifierNode: AnyNode): string | undefined => {
    const specifier = String(specifierNode.value);
    const kind = classifySpecifier(specifier);
    if (kind.kind === 'refused') {
      problems.push({
        ...at(specifierNode),
        message: `cannot import "${specifier}": ${kind.reason}`,
        hint: kind.hint,
      });
      return undefined;
    }
    if (kind.kind === 'k6') return kind.name;
    const resolved = resolveFile(specifier, file);
    if ('problem' in resolved) {
      problems.push({ ...at(specifierNode), message: resolved.problem, hint: resolved.hint });
      return undefined;
    }
    fileImports.push(resolved.key);
    return resolved.key;
  };

  for (const statement of program.body as AnyNode[]) {
    switch (statement.type) {
      case 'ImportDeclaration': {
        const key = moduleKey(statement.source as AnyNode);
        const call = `__import(${JSON.stringify(key ?? '')})`;
        const parts: string[] = [];
        const named: string[] = [];
        for (const specifier of statement.specifiers as AnyNode[]) {
          const local = (specifier.local as AnyNode).name as string;
          if (specifier.type === 'ImportDefaultSpecifier') parts.push(`const ${local} = ${call}.default;`);
          else if (specifier.type === 'ImportNamespaceSpecifier') parts.push(`const ${local} = ${call};`);
          else {
            const imported = specifier.imported as AnyNode;
            const name = imported.type === 'Literal' ? String(imported.value) : (imported.name as string);
            named.push(name === local ? local : `${JSON.stringify(name)}: ${local}`);
          }
        }
        if (named.length > 0) parts.push(`const { ${named.join(', ')} } = ${call};`);
        if (parts.length === 0) parts.push(`${call};`);
        edits.push({ start: statement.start, end: statement.end, text: parts.join(' ') });
        break;
      }
      case 'ExportNamedDeclaration': {
        const declaration = statement.declaration as AnyNode | null;
        if (declaration) {
          // `export const options = …` keeps its declaration; only the keyword goes.
          edits.push({ start: statement.start, end: declaration.start, text: '' });
          for (const name of boundNames(declaration)) exported.push([name, name]);
          break;
        }
        const from = statement.source as AnyNode | null;
        const key = from ? moduleKey(from) : undefined;
        const parts: string[] = [];
        for (const specifier of statement.specifiers as AnyNode[]) {
          const local = nameOf(specifier.local as AnyNode);
          const as = nameOf(specifier.exported as AnyNode);
          if (from) {
            // A re-export reads the other module's binding each time, as a live ES binding does.
            parts.push(
              `Object.defineProperty(__exports, ${JSON.stringify(as)}, { enumerable: true, get: () => __import(${JSON.stringify(key ?? '')})[${JSON.stringify(local)}] });`,
            );
          } else exported.push([as, local]);
        }
        edits.push({ start: statement.start, end: statement.end, text: parts.join(' ') });
        break;
      }
      case 'ExportDefaultDeclaration': {
        const declaration = statement.declaration as AnyNode;
        const named =
          (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') &&
          declaration.id !== null;
        if (named) {
          edits.push({ start: statement.start, end: declaration.start, text: '' });
          exported.push(['default', (declaration.id as AnyNode).name as string]);
        } else {
          // An anonymous function or class, or any expression: its value is the default export.
          edits.push({ start: statement.start, end: declaration.start, text: '__exports.default = (' });
          edits.push({ start: declaration.end, end: statement.end, text: ');' });
        }
        break;
      }
      case 'ExportAllDeclaration': {
        const key = moduleKey(statement.source as AnyNode);
        const exportedAs = statement.exported as AnyNode | null;
        const text = exportedAs
          ? `Object.defineProperty(__exports, ${JSON.stringify(nameOf(exportedAs))}, { enumerable: true, get: () => __import(${JSON.stringify(key ?? '')}) });`
          : `for (const [k, v] of Object.entries(Object.getOwnPropertyDescriptors(__import(${JSON.stringify(key ?? '')})))) if (k !== 'default' && !(k in __exports)) Object.defineProperty(__exports, k, v);`;
        edits.push({ start: statement.start, end: statement.end, text });
        break;
      }
    }
  }

  for (const visit of walk(program)) {
    const { node } = visit;
    if (node.type === 'ImportExpression') {
      problems.push({
        ...at(node),
        message: 'import() is not supported: a script imports its modules statically',
        hint: 'write import … from "./module.js" at the top of the file',
      });
    } else if (node.type === 'MetaProperty' && (node.meta as AnyNode).name === 'import') {
      problems.push({ ...at(node), message: 'import.meta is not available in FPT scripts' });
    } else if (node.type === 'AwaitExpression' && !insideFunction(visit, program)) {
      problems.push({
        ...at(node),
        message: 'await outside a function: the init code runs synchronously, as in k6',
        hint: 'move the awaited call into setup() or the iteration function',
      });
    } else if (node.type === 'Identifier' && (node.name === '__VU' || node.name === '__ITER')) {
      const edit = perVuGlobal(visit);
      if (edit) edits.push(edit);
    }
  }

  if (problems.length > 0) return { problems };
  const getters = exported
    .map(
      ([as, local]) =>
        `Object.defineProperty(__exports, ${JSON.stringify(as)}, { enumerable: true, get: () => ${local} });`,
    )
    .join(' ');
  // Getters first, on the first line, so they exist before any import runs (a cycle reads them early);
  // function declarations are hoisted, and a `const` read too early throws as it would in ES.
  const body = `"use strict"; ${getters} ${applyEdits(source, edits).replace(/^#!.*/, '')}`;
  return { module: { file, body, fileImports }, problems };
}

function nameOf(node: AnyNode): string {
  return node.type === 'Literal' ? String(node.value) : (node.name as string);
}

/** `__VU` and `__ITER` read the VU's values; a property named so (obj.__VU, { __VU: 1 }) stays as it is. */
function perVuGlobal({ node, parent, key }: Visit): Edit | undefined {
  const replacement = node.name === '__VU' ? '__fpt.vu' : '__fpt.iter';
  if (parent?.type === 'MemberExpression' && key === 'property' && !parent.computed) return undefined;
  if (
    (parent?.type === 'Property' || parent?.type === 'MethodDefinition') &&
    key === 'key' &&
    !parent.computed
  ) {
    if (parent.type === 'Property' && parent.shorthand)
      return { start: parent.start, end: parent.end, text: `${node.name as string}: ${replacement}` };
    return undefined;
  }
  if (parent?.type === 'Property' && parent.shorthand) return undefined;
  return { start: node.start, end: node.end, text: replacement };
}

function insideFunction(visit: Visit, program: AnyNode): boolean {
  // The walker has no parent chain beyond one level; look the node up by position instead.
  let inside = false;
  for (const { node } of walk(program)) {
    if (
      (node.type === 'FunctionDeclaration' ||
        node.type === 'FunctionExpression' ||
        node.type === 'ArrowFunctionExpression') &&
      node.start <= visit.node.start &&
      visit.node.end <= node.end
    ) {
      inside = true;
      break;
    }
  }
  return inside;
}

function applyEdits(source: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = source;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
