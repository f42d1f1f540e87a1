import type { CheckSpec } from '@fpt/preset';
import { parseDurationMs } from '@fpt/preset';
import { compileJsonPath, evaluateJsonPath, notFound, valueAsText } from '../json-path.js';
import { invalidJson, type ResponseView } from './response-view.js';

export interface CompiledCheck {
  readonly name: string;
  readonly needsBody: boolean;
  evaluate(response: ResponseView): boolean;
}

/** Turns a check from the preset into a predicate, with the name k6 users would write for it. */
export function compileCheck(spec: CheckSpec): CompiledCheck {
  const named = (
    name: string,
    needsBody: boolean,
    evaluate: (r: ResponseView) => boolean,
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
    const text = spec.bodyContains;
    return named(`body contains ${JSON.stringify(text)}`, true, (r) => r.text().includes(text));
  }
  if (spec.bodyNotContains !== undefined) {
    const text = spec.bodyNotContains;
    return named(
      `body does not contain ${JSON.stringify(text)}`,
      true,
      (r) => !r.failedToConnect && !r.text().includes(text),
    );
  }
  if (spec.jsonPath !== undefined) {
    const path = compileJsonPath(spec.jsonPath);
    if (spec.equals !== undefined) {
      const expected = spec.equals;
      return named(`${spec.jsonPath} equals ${JSON.stringify(expected)}`, true, (r) => {
        const document = r.json();
        if (document === invalidJson) return false;
        const value = evaluateJsonPath(document, path);
        return value !== notFound && (value === expected || valueAsText(value) === valueAsText(expected));
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
      const expected = String(spec.equals);
      return named(
        `header ${header} is ${JSON.stringify(expected)}`,
        false,
        (r) => r.header(header) === expected,
      );
    }
    if (spec.contains !== undefined) {
      const text = spec.contains;
      return named(
        `header ${header} contains ${JSON.stringify(text)}`,
        false,
        (r) => r.header(header)?.includes(text) ?? false,
      );
    }
    if (spec.matches !== undefined) {
      const pattern = new RegExp(spec.matches);
      return named(`header ${header} matches /${spec.matches}/`, false, (r) => {
        const value = r.header(header);
        return value !== undefined && pattern.test(value);
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
