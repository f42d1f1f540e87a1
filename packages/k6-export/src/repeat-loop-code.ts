import { type RequestSpec, repeatIndexVariable } from '@fpt/preset';
import { namesReadBy } from './bare-variable-names.js';
import { indentBlock } from './indent-block.js';
import { variableExpression } from './iteration-variables.js';
import { quoteJsString } from './print-js-literal.js';
import type { ScriptContext } from './script-context.js';
import { templateExpression } from './template-expression.js';

/**
 * A repeated request's for loop around `body` (the statement that sends it): a fixed count, the count a
 * variable holds (read once, before the first pass), or the elements of a captured JSON list, each made
 * readable as {{item}} and {{item.field}}. Where the request reads {{__REPEAT}}, each pass sets it to its
 * position, from 0. Returns the body alone for a request that does not repeat.
 */
export function repeatLoop(spec: RequestSpec, body: string, context: ScriptContext): string {
  const repeat = spec.repeat;
  if (repeat === undefined) return body;
  const readsPass = namesReadBy(spec).has(repeatIndexVariable);
  const inside = readsPass ? [`${variableExpression(repeatIndexVariable).text} = String(pass);`] : [];
  let head: string;
  if (typeof repeat === 'number') head = `for (let pass = 0; pass < ${repeat}; pass++) {`;
  else if (typeof repeat === 'string') {
    const count = `${context.use('repeatCount')}(${templateExpression(repeat, variableExpression).text})`;
    head = `for (let pass = 0, passes = ${count}; pass < passes; pass++) {`;
  } else {
    const list = `${context.use('listOf')}(${variableExpression(repeat.over).text})`;
    head = readsPass
      ? `for (const [pass, element] of ${list}.entries()) {`
      : `for (const element of ${list}) {`;
    inside.push(`${context.use('setElement')}(vars, ${quoteJsString(repeat.as)}, element);`);
  }
  return [head, ...[...inside, body].map((line) => indentBlock(line)), '}'].join('\n');
}

/**
 * The variables a request that repeats over a list sets for each element and reads: {{item}} and the
 * {{item.field}} names it uses. Like captures, they start empty.
 */
export function elementNames(spec: RequestSpec): string[] {
  if (typeof spec.repeat !== 'object') return [];
  const as = spec.repeat.as;
  return [...namesReadBy(spec)].filter((name) => name === as || name.startsWith(`${as}.`));
}
