import type { Preset, RequestSpec } from '@fpt/preset';
import { type CheckCode, checkCode, graphqlCheckCode } from './check-code.js';
import { commentText } from './comment-text.js';
import { variableExpression } from './iteration-variables.js';
import { indentBlock } from './indent-block.js';
import { JsCall, type JsCode, JsObject, js } from './js-code.js';
import { camelIdentifier } from './js-identifier.js';
import { jsonPathKeys } from './json-path-keys.js';
import { k6Imports } from './k6-import.js';
import { jsPropertyKey, printAfter, printJsLiteral, quoteJsString } from './print-js-literal.js';
import type { ScriptContext } from './script-context.js';
import { hasPlaceholder, joinTemplate, type TemplatePiece, templatePieces } from './template-expression.js';
import { templatedValue } from './templated-value.js';

export interface RequestFunctionOptions {
  /** Name of the generated function. */
  readonly functionName: string;
  /** The constant holding this request name's custom metrics. */
  readonly metricsName: string;
  /** The function takes the iteration's `vars` (the scenario uses variables). */
  readonly takesVars: boolean;
  readonly target: Preset['target'];
}

/**
 * One preset request as a function that sends it with k6/http and does what FPT does with the response:
 * per-request metrics, checks (tagged with the request name) and captures.
 */
export function requestFunction(
  spec: RequestSpec,
  options: RequestFunctionOptions,
  context: ScriptContext,
): string[] {
  context.import(k6Imports.http);
  const declarations: string[] = [];
  let callback: string | undefined;
  if (spec.expectedStatuses) {
    // k6 advises creating a response callback once rather than on every request.
    callback = context.identifiers.claim(`${camelIdentifier(spec.name)}Expected`);
    const statuses = spec.expectedStatuses.map((entry) => {
      if (typeof entry === 'number') return entry;
      const [min, max] = entry.split('-').map(Number);
      return { min, max };
    });
    declarations.push(
      `const ${callback} = http.expectedStatuses(${statuses.map((s) => printJsLiteral(s)).join(', ')});`,
    );
  }
  const params = new JsObject([
    ['headers', headersExpression(spec, options.target)],
    ['tags', { ...spec.tags, name: spec.name }],
    ['timeout', spec.timeout ?? options.target.timeout],
    ['responseCallback', callback === undefined ? undefined : js(callback)],
  ]);
  const method = spec.method;
  const send = printAfter(
    `const res = http.request(${quoteJsString(method)}, ${urlExpression(spec).text}, `,
    bodyValue(spec),
    ', ',
    1,
  );
  const body = [
    printAfter(send, params, ');', 1),
    `${context.use('recordRequest')}(${options.metricsName}, res, ${printJsLiteral(expectedRanges(spec))});`,
  ];
  const checks: CheckCode[] = (spec.checks ?? []).map((check) => checkCode(check, context));
  if (spec.graphql) checks.push(graphqlCheckCode(context));
  if (checks.length > 0) {
    context.import(k6Imports.check);
    const entries = checks.map((check) => js(`${jsPropertyKey(check.name)}: ${check.predicate.text}`));
    body.push(
      printAfter('check(res, ', new JsObject(entries), `, { name: ${quoteJsString(spec.name)} });`, 1),
    );
  }
  for (const capture of spec.captures ?? []) {
    const value = capturedValue(capture, context);
    body.push(
      `${context.use('capture')}(vars, ${quoteJsString(capture.name)}, ${value}, ${quoteJsString(spec.name)});`,
    );
  }
  const where = spec.url ?? spec.path ?? (spec.graphql ? '/graphql' : '');
  const summary = commentText(`${spec.name}: ${method} ${where}`);
  return [
    ...declarations,
    ...(options.takesVars ? ['/**', ` * ${summary}`, ' * @param {Vars} vars', ' */'] : [`/** ${summary} */`]),
    `function ${options.functionName}(${options.takesVars ? 'vars' : ''}) {`,
    ...body.map((statement) => indentBlock(statement)),
    '}',
  ];
}

function capturedValue(
  capture: NonNullable<RequestSpec['captures']>[number],
  context: ScriptContext,
): string {
  if (capture.jsonPath !== undefined) {
    const keys = printJsLiteral(jsonPathKeys(capture.jsonPath));
    return `${context.use('valueAt')}(${context.use('jsonBody')}(res), ${keys})`;
  }
  if (capture.header !== undefined)
    return `${context.use('headerValue')}(res, ${quoteJsString(capture.header)})`;
  const pattern = `new RegExp(${quoteJsString(capture.regex ?? '')})`;
  return `${context.use('firstMatch')}(${pattern}, ${context.use('bodyText')}(res))`;
}

/** Statuses that count as success for the custom failed rate, as [low, high] ranges (k6: 200-399). */
function expectedRanges(spec: RequestSpec): [number, number][] {
  if (!spec.expectedStatuses) return [[200, 399]];
  return spec.expectedStatuses.map((entry) => {
    if (typeof entry === 'number') return [entry, entry];
    const [low, high] = entry.split('-').map(Number);
    return [low!, high!];
  });
}

/** The URL: target.baseUrl (overridable with TARGET_URL) and the path, or the request's own url; then the query. */
function urlExpression(spec: RequestSpec): JsCode {
  const source = spec.url ?? (spec.graphql && spec.path === undefined ? '/graphql' : (spec.path ?? ''));
  const pieces: TemplatePiece[] = spec.url === undefined ? [js('BASE_URL')] : [];
  pieces.push(...templatePieces(source, variableExpression));
  let separator = source.includes('?') ? '&' : '?';
  for (const [key, value] of Object.entries({ ...spec.query, ...graphqlQuery(spec) })) {
    pieces.push(`${separator}${encodeURIComponent(key)}=`);
    separator = '&';
    for (const piece of templatePieces(String(value), variableExpression)) {
      pieces.push(
        typeof piece === 'string' ? encodeURIComponent(piece) : js(`encodeURIComponent(${piece.text})`),
      );
    }
  }
  return joinTemplate(pieces);
}

/** A GraphQL GET sends its document in the URL, as FPT does: query, operationName, and variables as JSON. */
function graphqlQuery(spec: RequestSpec): Record<string, string> {
  if (!spec.graphql || spec.method !== 'GET') return {};
  const { query, variables, operationName } = spec.graphql;
  return {
    query,
    ...(operationName === undefined ? {} : { operationName }),
    ...(variables === undefined ? {} : { variables: JSON.stringify(variables) }),
  };
}

/** The body argument: JSON text for json and GraphQL, an object k6 form-encodes, raw text, or null. */
function bodyValue(spec: RequestSpec): unknown {
  if (spec.graphql && spec.method === 'GET') return null;
  if (spec.graphql) {
    const { query, variables, operationName } = spec.graphql;
    return jsonText(templatedValue({ query, variables, operationName }, variableExpression));
  }
  const body = spec.body;
  if (body?.json !== undefined) return jsonText(templatedValue(body.json, variableExpression));
  if (body?.form !== undefined) {
    const fields = Object.fromEntries(Object.entries(body.form).map(([key, value]) => [key, String(value)]));
    return templatedValue(fields, variableExpression);
  }
  if (body?.raw !== undefined) return joinTemplate(templatePieces(body.raw, variableExpression));
  return null;
}

/** `JSON.stringify(value)`, printed by the printer so that a large body is laid out like any value. */
function jsonText(value: unknown): JsCall {
  return new JsCall('JSON.stringify', value);
}

/** The content type FPT sets for a body when no header names one. */
function bodyContentType(spec: RequestSpec): string | undefined {
  if ((spec.graphql && spec.method !== 'GET') || spec.body?.json !== undefined) return 'application/json';
  if (spec.body?.form !== undefined) return 'application/x-www-form-urlencoded';
  if (spec.body?.raw !== undefined) return spec.body.contentType ?? 'text/plain; charset=utf-8';
  return undefined;
}

/**
 * Request headers as FPT merges them (names lowercased): the target's, then the request's, then the
 * body's content type unless one is set. Constant target headers come from HEADERS, which the
 * environment may override; those with `{{variables}}` are rendered per request.
 */
function headersExpression(spec: RequestSpec, target: Preset['target']): unknown {
  const targetHeaders = Object.entries(target.headers ?? {});
  const ownHeaders = new Map<string, unknown>();
  for (const [name, value] of targetHeaders) {
    if (hasPlaceholder(value)) ownHeaders.set(name.toLowerCase(), templatedValue(value, variableExpression));
  }
  for (const [name, value] of Object.entries(spec.headers ?? {}))
    ownHeaders.set(name.toLowerCase(), templatedValue(value, variableExpression));
  const named = new Set([...targetHeaders.map(([name]) => name.toLowerCase()), ...ownHeaders.keys()]);
  const contentType = bodyContentType(spec);
  if (contentType !== undefined && !named.has('content-type')) ownHeaders.set('content-type', contentType);
  const shared = targetHeaders.some(([, value]) => !hasPlaceholder(value));
  if (ownHeaders.size === 0) return shared ? js('HEADERS') : undefined;
  return new JsObject([...(shared ? [js('...HEADERS')] : []), ...ownHeaders.entries()]);
}
