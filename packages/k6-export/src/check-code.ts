import { type CheckSpec, parseDurationMs } from '@fpt/preset';
import { variableExpression } from './iteration-variables.js';
import { type JsCode, js } from './js-code.js';
import { jsonPathKeys } from './json-path-keys.js';
import { printJsLiteral, quoteJsString } from './print-js-literal.js';
import type { ScriptContext } from './script-context.js';
import { templateExpression } from './template-expression.js';

/** A k6 check: the name FPT gives it and a predicate over the response `r`. */
export interface CheckCode {
  readonly name: string;
  readonly predicate: JsCode;
}

/**
 * A preset check as a k6 check with FPT's name for it (so `checks{check:...}` and the summary read the
 * same) and the same verdict, including on a response that never came (status 0).
 */
export function checkCode(spec: CheckSpec, context: ScriptContext): CheckCode {
  // `predicate` is an expression over `r`, or a one-line block `{ ...; return ...; }`.
  const named = (generated: string, predicate: string): CheckCode => ({
    name: spec.name ?? generated,
    predicate: js(`(r) => ${predicate}`),
  });
  // Check values are rendered per response with the iteration's variables, as FPT does: `{{__VU}}` in an
  // expected value becomes vars.__VU, not the literal braces.
  const text = (value: string) => templateExpression(value, variableExpression).text;
  if (spec.status !== undefined) {
    const statuses = Array.isArray(spec.status) ? spec.status : [spec.status];
    const test =
      statuses.length === 1
        ? `r.status === ${statuses[0]}`
        : `${printJsLiteral(statuses)}.includes(r.status)`;
    return named(`status is ${statuses.join(' or ')}`, test);
  }
  if (spec.bodyContains !== undefined) {
    const body = `${context.use('bodyText')}(r)`;
    return named(
      `body contains ${JSON.stringify(spec.bodyContains)}`,
      `${body}.includes(${text(spec.bodyContains)})`,
    );
  }
  if (spec.bodyNotContains !== undefined) {
    const body = `${context.use('bodyText')}(r)`;
    return named(
      `body does not contain ${JSON.stringify(spec.bodyNotContains)}`,
      `r.status !== 0 && !${body}.includes(${text(spec.bodyNotContains)})`,
    );
  }
  if (spec.jsonPath !== undefined) return jsonPathCheck(spec, spec.jsonPath, named, context);
  if (spec.header !== undefined) {
    const header = `${context.use('headerValue')}(r, ${quoteJsString(spec.header)})`;
    const label = `header ${spec.header}`;
    if (spec.equals !== undefined) {
      const expected = String(spec.equals);
      return named(`${label} is ${JSON.stringify(expected)}`, `${header} === ${text(expected)}`);
    }
    if (spec.contains !== undefined) {
      return named(
        `${label} contains ${JSON.stringify(spec.contains)}`,
        `${header}?.includes(${text(spec.contains)}) ?? false`,
      );
    }
    if (spec.matches !== undefined) {
      return named(
        `${label} matches /${spec.matches}/`,
        `{ const value = ${header}; return value !== undefined && new RegExp(${text(spec.matches)}).test(value); }`,
      );
    }
    return named(`${label} is present`, `${header} !== undefined`);
  }
  if (spec.maxDuration !== undefined) {
    return named(
      `duration < ${spec.maxDuration}`,
      `r.status !== 0 && r.timings.duration < ${parseDurationMs(spec.maxDuration)}`,
    );
  }
  throw new Error('unreachable: the preset loader refuses a check without a kind');
}

function jsonPathCheck(
  spec: CheckSpec,
  path: string,
  named: (generated: string, predicate: string) => CheckCode,
  context: ScriptContext,
): CheckCode {
  const keys = printJsLiteral(jsonPathKeys(path));
  const body = `${context.use('jsonBody')}(r)`;
  const found = `${context.use('valueAt')}(${body}, ${keys})`;
  if (spec.equals !== undefined) {
    return named(
      `${path} equals ${JSON.stringify(spec.equals)}`,
      `${context.use('jsonEquals')}(${found}, ${typeof spec.equals === 'string' ? templateExpression(spec.equals, variableExpression).text : printJsLiteral(spec.equals)})`,
    );
  }
  if (spec.exists ?? true) return named(`${path} exists`, `${found} !== NOT_FOUND`);
  // A body that is not JSON fails both `exists` and `does not exist`, as in FPT.
  return named(
    `${path} does not exist`,
    `{ const body = ${body}; return body !== NOT_FOUND && ${context.use('valueAt')}(body, ${keys}) === NOT_FOUND; }`,
  );
}

/** The check FPT adds to every GraphQL request: a 200 with a non-empty `errors` array fails. */
export function graphqlCheckCode(context: ScriptContext): CheckCode {
  return { name: 'graphql: no errors', predicate: js(`(r) => ${context.use('hasNoGraphqlErrors')}(r)`) };
}
