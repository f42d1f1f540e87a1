import type { RequestSpec, WhenSpec } from '@fpt/preset';
import { variableExpression } from './iteration-variables.js';
import { printJsLiteral } from './print-js-literal.js';
import type { ScriptContext } from './script-context.js';
import { templateExpression } from './template-expression.js';

/**
 * The local that holds the status of the iteration's previous response, for `when: { status }`. It starts
 * at 0, as for a request that got no response: no status test matches it, as FPT's fails with no previous.
 */
export const lastStatusName = 'lastStatus';

/** True when a request of the list tests the previous response's status, so the list must keep it. */
export function readsPreviousStatus(requests: readonly RequestSpec[]): boolean {
  return requests.some((request) => request.when?.status !== undefined);
}

/**
 * A request's `when:` as the condition of an if, every test it names joined with &&: the previous
 * response's status, and a variable that is set (a variable alone), unset, equal to a value (a number
 * compared as a number, anything else as text, templates rendered), or a number above or below a bound.
 */
export function whenCondition(when: WhenSpec, context: ScriptContext): string {
  const tests: string[] = [];
  if (when.status !== undefined) {
    const statuses = [when.status].flat();
    tests.push(
      statuses.length === 1
        ? `${lastStatusName} === ${statuses[0]}`
        : `${printJsLiteral(statuses)}.includes(${lastStatusName})`,
    );
  }
  const name = when.variable;
  if (name !== undefined) {
    const variable = variableExpression(name).text;
    const number = () => `${context.use('numberOf')}(${variable})`;
    const exists =
      when.exists ?? (when.equals === undefined && when.above === undefined && when.below === undefined);
    if (when.exists !== undefined || exists)
      tests.push(`${exists ? '' : '!'}${context.use('hasValue')}(${variable})`);
    if (typeof when.equals === 'number') tests.push(`${number()} === ${printJsLiteral(when.equals)}`);
    else if (when.equals !== undefined)
      tests.push(`${variable} === ${templateExpression(String(when.equals), variableExpression).text}`);
    if (when.above !== undefined) tests.push(`${number()} > ${printJsLiteral(when.above)}`);
    if (when.below !== undefined) tests.push(`${number()} < ${printJsLiteral(when.below)}`);
  }
  return tests.length === 0 ? 'true' : tests.join(' && ');
}
