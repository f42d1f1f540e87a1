import type { Node } from 'acorn';
import { parseJavaScript } from './parse-javascript.js';
import type { ScriptProblem } from './script-problem.js';
import { type Visit, walk } from './syntax-tree.js';

type AnyNode = Node & Record<string, unknown>;

/** A plain synchronous k6 script rewritten in FPT's awaited form, or why it could not be. */
export interface ConvertedScript {
  readonly code: string;
  /** Calls that got an `await`, and functions that became `async`. */
  readonly awaited: number;
  readonly madeAsync: number;
  readonly problems: readonly ScriptProblem[];
}

const httpCalls = new Set(['request', 'get', 'head', 'post', 'put', 'patch', 'del', 'options', 'batch']);
/** Array methods whose callback's promise nobody waits for: an await inside would change what runs when. */
const callbackMethods = new Set([
  'forEach',
  'map',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'sort',
  'then',
  'catch',
  'finally',
]);

interface Edit {
  readonly at: number;
  readonly text: string;
}

const isFunction = (node: AnyNode) =>
  node.type === 'FunctionDeclaration' ||
  node.type === 'FunctionExpression' ||
  node.type === 'ArrowFunctionExpression';

/**
 * `fpt k6 import`: the awaits FPT needs, added to a plain k6 script. FPT's network calls and sleep return
 * promises; k6's return values, and `await` passes a value through, so the result still runs in k6. Every
 * call that reaches a network call or sleep (directly, through group(), or through the script's own
 * functions, to any depth) is awaited, and every function holding one becomes async. What cannot be
 * converted without changing the script's meaning (such a call in an array method's callback, a getter, a
 * constructor or the init code) is reported with its place and the rewrite to make by hand.
 */
export function convertToAwaited(source: string, file: string): ConvertedScript {
  let program: AnyNode;
  try {
    program = parseJavaScript(source, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      locations: true,
    }) as unknown as AnyNode;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    return {
      code: source,
      awaited: 0,
      madeAsync: 0,
      problems: [
        {
          file,
          line: loc?.line ?? 1,
          column: (loc?.column ?? 0) + 1,
          message: `not valid JavaScript: ${(error as Error).message}`,
        },
      ],
    };
  }
  const visits = [...walk(program)];
  const parentOf = new Map<AnyNode, Visit>();
  for (const visit of visits) for (const child of childrenOf(visit.node)) parentOf.set(child.node, child);

  // What the script imported k6's calls as: `http` (default or namespace), or `get`, `sleep`… by name.
  const httpObjects = new Set<string>();
  const asyncNames = new Set<string>();
  const k6Objects = new Set<string>();
  const groupNames = new Set<string>();
  for (const statement of program.body as AnyNode[]) {
    if (statement.type !== 'ImportDeclaration') continue;
    const from = String((statement.source as AnyNode).value);
    for (const specifier of statement.specifiers as AnyNode[]) {
      const local = (specifier.local as AnyNode).name as string;
      const imported =
        specifier.type === 'ImportSpecifier' ? ((specifier.imported as AnyNode).name as string) : undefined;
      if (from === 'k6/http') {
        if (imported === undefined) httpObjects.add(local);
        else if (httpCalls.has(imported)) asyncNames.add(local);
      } else if (from === 'k6') {
        if (imported === undefined) k6Objects.add(local);
        else if (imported === 'sleep') asyncNames.add(local);
        else if (imported === 'group') groupNames.add(local);
      }
    }
  }

  // Metric objects (new Counter(…) from k6/metrics): their add() is synchronous, whatever else is named add.
  const metricClasses = new Set<string>();
  for (const statement of program.body as AnyNode[]) {
    if (statement.type === 'ImportDeclaration' && (statement.source as AnyNode).value === 'k6/metrics')
      for (const specifier of statement.specifiers as AnyNode[])
        metricClasses.add((specifier.local as AnyNode).name as string);
  }
  const metricObjects = new Set<string>();
  for (const { node } of visits) {
    const init = node.init as AnyNode | undefined;
    if (
      node.type === 'VariableDeclarator' &&
      init?.type === 'NewExpression' &&
      (node.id as AnyNode).type === 'Identifier'
    ) {
      const created = init.callee as AnyNode;
      const className =
        created.type === 'Identifier'
          ? created.name
          : created.type === 'MemberExpression'
            ? (created.property as AnyNode).name
            : undefined;
      if (
        typeof className === 'string' &&
        (metricClasses.has(className) || ['Counter', 'Trend', 'Rate', 'Gauge'].includes(className))
      )
        metricObjects.add((node.id as AnyNode).name as string);
    }
  }
  const enclosingFunction = (node: AnyNode): AnyNode | undefined => {
    for (let visit = parentOf.get(node); visit?.parent; visit = parentOf.get(visit.parent)) {
      if (isFunction(visit.parent)) return visit.parent;
    }
    return undefined;
  };
  /**
   * The name a function is called by: its declaration's, the variable it is assigned to, or (for a method
   * or an object's function property) `.name`, matched against any `x.name(…)` call. Awaiting a call that
   * turns out not to return a promise is harmless (await passes a value through), so the match may be loose.
   */
  const functionName = (fn: AnyNode): string | undefined => {
    if (fn.id) return (fn.id as AnyNode).name as string;
    const up = parentOf.get(fn);
    if (up?.parent?.type === 'VariableDeclarator' && up.key === 'init')
      return ((up.parent.id as AnyNode).name as string) ?? undefined;
    const holder = up?.parent;
    if ((holder?.type === 'Property' || holder?.type === 'MethodDefinition') && !holder.computed) {
      const key = holder.key as AnyNode;
      return `.${(key.name as string | undefined) ?? String(key.value)}`;
    }
    return undefined;
  };
  const calledName = (callee: AnyNode): string | undefined => {
    if (callee.type === 'Identifier') return callee.name as string;
    if (callee.type !== 'MemberExpression' || callee.computed) return undefined;
    const object = callee.object as AnyNode;
    if (object.type === 'Identifier' && metricObjects.has(object.name as string)) return undefined;
    return `.${(callee.property as AnyNode).name as string}`;
  };
  const calls = visits.filter((v) => v.node.type === 'CallExpression').map((v) => v.node);
  const isDirectlyAsync = (call: AnyNode): boolean => {
    const callee = call.callee as AnyNode;
    if (callee.type === 'Identifier') return asyncNames.has(callee.name as string);
    if (callee.type === 'MemberExpression' && !callee.computed) {
      const object = callee.object as AnyNode;
      const property = (callee.property as AnyNode).name as string;
      if (object.type === 'Identifier' && httpObjects.has(object.name as string))
        return httpCalls.has(property);
      if (object.type === 'Identifier' && k6Objects.has(object.name as string)) return property === 'sleep';
    }
    return false;
  };
  const isGroupCall = (call: AnyNode): boolean => {
    const callee = call.callee as AnyNode;
    if (callee.type === 'Identifier') return groupNames.has(callee.name as string);
    return (
      callee.type === 'MemberExpression' &&
      (callee.object as AnyNode).type === 'Identifier' &&
      k6Objects.has((callee.object as AnyNode).name as string) &&
      (callee.property as AnyNode).name === 'group'
    );
  };

  // Fixed point: a call is awaited when it reaches a network call; a function holding one becomes async,
  // and calls to it by name are awaited in turn.
  const awaitedCalls = new Set<AnyNode>();
  const asyncFunctions = new Set<AnyNode>();
  const localAsync = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const call of calls) {
      if (awaitedCalls.has(call)) continue;
      const callee = call.callee as AnyNode;
      const groupWithAsync =
        isGroupCall(call) &&
        (call.arguments as AnyNode[]).some(
          (arg) =>
            asyncFunctions.has(arg) || (arg.type === 'Identifier' && localAsync.has(arg.name as string)),
        );
      const name = calledName(callee);
      if (isDirectlyAsync(call) || groupWithAsync || (name !== undefined && localAsync.has(name))) {
        awaitedCalls.add(call);
        changed = true;
        const fn = enclosingFunction(call);
        if (fn && !asyncFunctions.has(fn)) {
          asyncFunctions.add(fn);
          const name = functionName(fn);
          if (name) localAsync.add(name);
        }
      }
    }
  }

  const problems: ScriptProblem[] = [];
  const at = (node: AnyNode) => {
    const loc = node.loc as { start: { line: number; column: number } };
    return { file, line: loc.start.line, column: loc.start.column + 1 };
  };
  const edits: Edit[] = [];
  for (const call of awaitedCalls) {
    const fn = enclosingFunction(call);
    if (!fn) {
      problems.push({
        ...at(call),
        message: 'a network call or sleep in the init code (outside any function)',
        hint: 'k6 refuses this too: move it into setup() or the default function',
      });
      continue;
    }
    const up = parentOf.get(call);
    // Already awaited (a script half converted by hand): leave it.
    if (up?.parent?.type === 'AwaitExpression') continue;
    const needsParens =
      (up?.parent?.type === 'MemberExpression' && up.key === 'object') ||
      (up?.parent?.type === 'CallExpression' && up.key === 'callee') ||
      (up?.parent?.type === 'TaggedTemplateExpression' && up.key === 'tag');
    edits.push({ at: call.start, text: needsParens ? '(await ' : 'await ' });
    if (needsParens) edits.push({ at: call.end, text: ')' });
  }
  let madeAsync = 0;
  for (const fn of asyncFunctions) {
    const holder = parentOf.get(fn);
    const callbackOf =
      holder?.parent?.type === 'CallExpression' && holder.key === 'arguments'
        ? (holder.parent.callee as AnyNode).type === 'MemberExpression'
          ? (((holder.parent.callee as AnyNode).property as AnyNode).name as string)
          : undefined
        : undefined;
    if (callbackOf !== undefined && callbackMethods.has(callbackOf)) {
      problems.push({
        ...at(fn),
        message: `a network call or sleep inside the callback of .${callbackOf}(): ${callbackOf} would not wait for it`,
        hint: `rewrite it as a loop: for (const item of items) { … await http.get(…) … }`,
      });
      continue;
    }
    if (
      holder?.parent?.type === 'MethodDefinition' &&
      (holder.parent.kind === 'get' || holder.parent.kind === 'set' || holder.parent.kind === 'constructor')
    ) {
      problems.push({
        ...at(fn),
        message: `a network call or sleep inside a ${holder.parent.kind === 'constructor' ? 'constructor' : `${holder.parent.kind}ter`}, which cannot be async`,
        hint: 'move the call into a method and call it with await',
      });
      continue;
    }
    if (fn.async) continue;
    if (fn.generator) {
      problems.push({
        ...at(fn),
        message: 'a network call or sleep inside a generator function',
        hint: 'use an async function instead',
      });
      continue;
    }
    madeAsync++;
    const method =
      holder?.parent?.type === 'MethodDefinition' ||
      (holder?.parent?.type === 'Property' && (holder.parent.method as boolean));
    // A method's `async` goes before its name (after `static`); a function's before `function` or its parameters.
    edits.push({ at: method ? (holder!.parent!.key as AnyNode).start : fn.start, text: 'async ' });
  }
  if (problems.length > 0)
    return { code: source, awaited: 0, madeAsync: 0, problems: sortProblems(problems) };
  let code = source;
  for (const edit of [...edits].sort((a, b) => b.at - a.at))
    code = code.slice(0, edit.at) + edit.text + code.slice(edit.at);
  return { code, awaited: awaitedCalls.size, madeAsync, problems: [] };
}

function childrenOf(node: AnyNode): Visit[] {
  const children: Visit[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value)) {
      for (const item of value)
        if (item && typeof item === 'object' && typeof item.type === 'string')
          children.push({ node: item, parent: node, key });
    } else if (value && typeof value === 'object' && typeof (value as AnyNode).type === 'string')
      children.push({ node: value as AnyNode, parent: node, key });
  }
  return children;
}

function sortProblems(problems: ScriptProblem[]): ScriptProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
