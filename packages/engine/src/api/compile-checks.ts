import type { CheckSpec } from '@fpt/preset';
import { parseDurationMs } from '@fpt/preset';
import { compileJsonPath, evaluateJsonPath, notFound, valueAsText } from '../json-path.js';
import { compileTemplate, renderTemplate, type Variables } from '../template.js';
import { invalidJson, type ResponseView } from './response-view.js';

export interface CompiledCheck {
  readonly name: string;
  readonly needsBody: boolean;
  /** `variables` are the iteration's, the same the request was sent with ({{__VU}}, captures, data). */
  evaluate(response: ResponseView, variables: Variables): boolean;
}

/**
 * A check value as text: `{{…}}` in it is rendered per response with the iteration's variables, as in
 * the request itself; a value without templates costs nothing per response.
 */
function textOf(value: string): (variables: Variables) => string {
  const template = compileTemplate(value);
  return template.isConstant ? () => value : (variables) => renderTemplate(template, variables);
}

/** Turns a check from the preset into a predicate, with the name k6 users would write for it. */
export function compileCheck(spec: CheckSpec): CompiledCheck {
  const named = (
    name: string,
    needsBody: boolean,
    evaluate: (r: ResponseView, variables: Variables) => boolean,
  ): CompiledCheck => ({
    name: spec.name ?? name,
    needsBody,
    evaluate,
  });
  if (spec.status !== undefined) {
    const allowed = Array.isArray(spec.status) ? spec.status : [spec.status];
    return named(`status is ${allowed.join(' or ')}`, false, (r) => allowed.includes(r.status));
  }
  if (spec.bodyContains !== undefined) {
    const text = textOf(spec.bodyContains);
    return named(`body contains ${JSON.stringify(spec.bodyContains)}`, true, (r, v) =>
      r.text().includes(text(v)),
    );
  }
  if (spec.bodyNotContains !== undefined) {
    const text = textOf(spec.bodyNotContains);
    return named(
      `body does not contain ${JSON.stringify(spec.bodyNotContains)}`,
      true,
      (r, v) => !r.failedToConnect && !r.text().includes(text(v)),
    );
  }
  if (spec.jsonPath !== undefined) {
    const path = compileJsonPath(spec.jsonPath);
    if (spec.equals !== undefined) {
      const literal = spec.equals;
      // A templated string compares as text ("{{__VU}}" renders "3", which equals the number 3).
      const expected = typeof literal === 'string' ? textOf(literal) : () => literal;
      return named(`${spec.jsonPath} equals ${JSON.stringify(literal)}`, true, (r, v) => {
        const document = r.json();
        if (document === invalidJson) return false;
        const value = evaluateJsonPath(document, path);
        const want = expected(v);
        return value !== notFound && (value === want || valueAsText(value) === valueAsText(want));
      });
    }
    const shouldExist = spec.exists ?? true;
    return named(`${spec.jsonPath} ${shouldExist ? 'exists' : 'does not exist'}`, true, (r) => {
      const document = r.json();
      if (document === invalidJson) return false;
      return (evaluateJsonPath(document, path) !== notFound) === shouldExist;
    });
  }
  if (spec.header !== undefined) {
    const header = spec.header;
    if (spec.equals !== undefined) {
      const expected = textOf(String(spec.equals));
      return named(
        `header ${header} is ${JSON.stringify(String(spec.equals))}`,
        false,
        (r, v) => r.header(header) === expected(v),
      );
    }
    if (spec.contains !== undefined) {
      const text = textOf(spec.contains);
      return named(
        `header ${header} contains ${JSON.stringify(spec.contains)}`,
        false,
        (r, v) => r.header(header)?.includes(text(v)) ?? false,
      );
    }
    if (spec.matches !== undefined) {
      const source = textOf(spec.matches);
      let lastSource: string | undefined;
      let pattern: RegExp | undefined;
      return named(`header ${header} matches /${spec.matches}/`, false, (r, v) => {
        const value = r.header(header);
        const wanted = source(v);
        // Compiled again only when the rendered pattern changes (a constant one: once).
        if (wanted !== lastSource) {
          lastSource = wanted;
          try {
            pattern = new RegExp(wanted);
          } catch {
            pattern = undefined;
          }
        }
        return value !== undefined && (pattern?.test(value) ?? false);
      });
    }
    return named(`header ${header} is present`, false, (r) => r.header(header) !== undefined);
  }
  if (spec.maxDuration !== undefined) {
    const limitMs = parseDurationMs(spec.maxDuration);
    return named(
      `duration < ${spec.maxDuration}`,
      false,
      (r) => !r.failedToConnect && r.durationMs < limitMs,
    );
  }
  throw new Error('unreachable: the preset loader refuses a check without a kind');
}

/** GraphQL answers errors with status 200; this check makes them count. */
export const graphqlNoErrorsCheck: CompiledCheck = {
  name: 'graphql: no errors',
  needsBody: true,
  evaluate(response) {
    const document = response.json();
    if (document === invalidJson || typeof document !== 'object' || document === null) return false;
    const errors = (document as { errors?: unknown }).errors;
    return !(Array.isArray(errors) && errors.length > 0);
  },
};
