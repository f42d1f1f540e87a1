import { basename } from 'node:path';
import type { Preset, RequestSpec } from '@fpt/preset';
import { type CheckCode, checkCode, graphqlCheckCode } from './check-code.js';
import { commentText } from './comment-text.js';
import type { CustomMetricCode } from './custom-metrics-code.js';
import { expectedRanges } from './expected-ranges.js';
import { indentBlock } from './indent-block.js';
import { variableExpression } from './iteration-variables.js';
import { JsCall, type JsCode, JsObject, js } from './js-code.js';
import { camelIdentifier } from './js-identifier.js';
import { jsonPathKeys } from './json-path-keys.js';
import { k6Imports } from './k6-import.js';
import { sleepStatement } from './pause-code.js';
import { jsPropertyKey, printAfter, printJsLiteral, quoteJsString } from './print-js-literal.js';
import { recordStatements } from './record-code.js';
import type { ScriptContext } from './script-context.js';
import { openedFilesMessage } from './target-options.js';
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
  /** Where the request is in the preset, for warnings: `scenarios.api.requests.login`, `setup.login`. */
  readonly field: string;
  /** The preset's custom metrics, which the request's `record:` entries add to. */
  readonly customMetrics: ReadonlyMap<string, CustomMetricCode>;
  /** The function returns the response's status, which a later request's `when: { status }` tests. */
  readonly returnsStatus: boolean;
}

/**
 * One preset request as a function that sends it with k6/http and does what FPT does with the response:
 * per-request metrics, checks (tagged with the request name), captures and records into custom metrics;
 * then the pause its `sleep` asks for, so that each pass of a repeated request pauses.
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
  const body = requestBody(spec, options.field, declarations, context);
  if (spec.keepAlive === false) {
    context.warn(
      `${options.field}.keepAlive`,
      'k6 has no per-request keep-alive setting: the script sends Connection: close, so an HTTP/1.1 server closes the connection after the response, but k6 (Go) may still reuse a connection (over HTTP/2 it drops that header)',
    );
  }
  const params = new JsObject([
    ['headers', headersExpression(spec, options.target, body.contentType)],
    ['tags', { ...spec.tags, name: spec.name }],
    ['timeout', spec.timeout ?? options.target.timeout],
    ['redirects', spec.maxRedirects],
    ['compression', spec.compression],
    ['responseCallback', callback === undefined ? undefined : js(callback)],
  ]);
  const method = spec.method;
  const send = printAfter(
    `const res = http.request(${quoteJsString(method)}, ${urlExpression(spec).text}, `,
    body.value,
    ', ',
    1,
  );
  const statements = [
    printAfter(send, params, ');', 1),
    `${context.use('recordRequest')}(${options.metricsName}, res, ${printJsLiteral(expectedRanges(spec))});`,
  ];
  const checks: CheckCode[] = (spec.checks ?? []).map((check) => checkCode(check, context));
  if (spec.graphql) checks.push(graphqlCheckCode(context));
  if (checks.length > 0) {
    context.import(k6Imports.check);
    const entries = checks.map((check) => js(`${jsPropertyKey(check.name)}: ${check.predicate.text}`));
    statements.push(
      printAfter('check(res, ', new JsObject(entries), `, { name: ${quoteJsString(spec.name)} });`, 1),
    );
  }
  for (const capture of spec.captures ?? []) {
    const value = capturedValue(capture, context);
    statements.push(
      `${context.use('capture')}(vars, ${quoteJsString(capture.name)}, ${value}, ${quoteJsString(spec.name)});`,
    );
  }
  statements.push(...recordStatements(spec, options.customMetrics, context));
  if (spec.sleep !== undefined) statements.push(sleepStatement(spec.sleep, 'sleep', context));
  if (options.returnsStatus) statements.push('return res.status;');
  const where = spec.url ?? spec.path ?? (spec.graphql ? '/graphql' : '');
  const summary = commentText(`${spec.name}: ${method} ${where}`);
  return [
    ...declarations,
    ...(options.takesVars ? ['/**', ` * ${summary}`, ' * @param {Vars} vars', ' */'] : [`/** ${summary} */`]),
    `function ${options.functionName}(${options.takesVars ? 'vars' : ''}) {`,
    ...statements.map((statement) => indentBlock(statement)),
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

/** The body argument of http.request, and the content type FPT sets for it when no header names one. */
interface RequestBody {
  readonly value: unknown;
  readonly contentType: string | undefined;
}

/**
 * The body argument: JSON text for json and GraphQL, an object k6 form-encodes, raw text, bytes (an
 * ArrayBuffer: base64 decoded once, or a file read once), multipart/form-data, or null. Declarations the
 * body needs at the top level (a decoded base64 body) are added to `declarations`.
 */
function requestBody(
  spec: RequestSpec,
  field: string,
  declarations: string[],
  context: ScriptContext,
): RequestBody {
  if (spec.graphql && spec.method === 'GET') return { value: null, contentType: undefined };
  if (spec.graphql) {
    const { query, variables, operationName } = spec.graphql;
    const value = jsonText(typedJsonValue({ query, variables, operationName }, context));
    return { value, contentType: 'application/json' };
  }
  const body = spec.body;
  if (body?.json !== undefined)
    return {
      value: jsonText(typedJsonValue(body.json, context)),
      contentType: 'application/json',
    };
  if (body?.form !== undefined) {
    const fields = Object.fromEntries(Object.entries(body.form).map(([key, value]) => [key, String(value)]));
    return {
      value: templatedValue(fields, variableExpression),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  if (body?.base64 !== undefined) {
    context.import(k6Imports.encoding);
    const constant = context.identifiers.claim(`${camelIdentifier(spec.name)}Body`);
    declarations.push(
      `/** The body of ${commentText(spec.name)}, from base64. */`,
      `const ${constant} = encoding.b64decode(${quoteJsString(paddedBase64(body.base64))}, 'std');`,
    );
    return { value: js(constant), contentType: body.contentType ?? 'application/octet-stream' };
  }
  if (body?.file !== undefined) {
    context.warn(`${field}.body.file`, openedFilesMessage([body.file]));
    return {
      value: js(context.openFile(body.file, 'binary')),
      contentType: body.contentType ?? 'application/octet-stream',
    };
  }
  if (body?.multipart !== undefined) return multipartBody(body.multipart, `${field}.body.multipart`, context);
  if (body?.raw !== undefined) {
    return {
      value: joinTemplate(templatePieces(body.raw, variableExpression)),
      contentType: body.contentType ?? 'text/plain; charset=utf-8',
    };
  }
  return { value: null, contentType: undefined };
}

/** Base64 as k6's 'std' decoding reads it: no whitespace (the preset may wrap it), padded to whole quads. */
function paddedBase64(text: string): string {
  const compact = text.replace(/\s+/g, '');
  return compact.padEnd(Math.ceil(compact.length / 4) * 4, '=');
}

type MultipartSpec = NonNullable<NonNullable<RequestSpec['body']>['multipart']>;

/** multipart/form-data: k6's http.file parts when there are files, else the body written out as FPT sends it. */
function multipartBody(fields: MultipartSpec, field: string, context: ScriptContext): RequestBody {
  const parts = Object.entries(fields);
  const files = parts.flatMap(([, part]) => (typeof part === 'object' && 'file' in part ? [part.file] : []));
  if (files.length === 0) return textMultipartBody(fields);
  context.warn(field, openedFilesMessage([...new Set(files)]));
  // k6 builds the body (and its content type, boundary included) from an object holding http.file values.
  const entries = parts.map(([name, part]): [string, unknown] => {
    if (typeof part !== 'object') return [name, templatedValue(String(part), variableExpression)];
    if ('file' in part) {
      const bytes = context.openFile(part.file, 'binary');
      const filename = quoteJsString(part.filename ?? basename(part.file));
      const contentType = quoteJsString(part.contentType ?? 'application/octet-stream');
      return [name, js(`http.file(${bytes}, ${filename}, ${contentType})`)];
    }
    context.warn(
      `${field}.${name}`,
      `k6 gives a text part no content type of its own (http.file would make it a file part): the script sends it as plain text, without ${part.contentType}`,
    );
    return [name, templatedValue(part.value, variableExpression)];
  });
  return { value: new JsObject(entries), contentType: undefined };
}

/** The boundary of a multipart body the script writes out itself (FPT's own is random per request). */
const multipartBoundary = '----FPTk6FormBoundary';

/**
 * A multipart body of text parts only, written out part by part as FPT sends it: k6 would form-encode an
 * object without a file, and its text parts could not carry a content type of their own.
 */
function textMultipartBody(fields: MultipartSpec): RequestBody {
  const pieces: TemplatePiece[] = [];
  for (const [name, part] of Object.entries(fields)) {
    // File parts never come here: a body with files goes through http.file.
    if (typeof part === 'object' && 'file' in part) continue;
    const { value, contentType } =
      typeof part === 'object' ? part : { value: String(part), contentType: undefined };
    const type = contentType === undefined ? '' : `Content-Type: ${contentType}\r\n`;
    const fieldName = name.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
    pieces.push(
      `--${multipartBoundary}\r\nContent-Disposition: form-data; name="${fieldName}"\r\n${type}\r\n`,
    );
    pieces.push(...templatePieces(value, variableExpression), '\r\n');
  }
  pieces.push(`--${multipartBoundary}--\r\n`);
  return {
    value: joinTemplate(pieces),
    contentType: `multipart/form-data; boundary=${multipartBoundary}`,
  };
}

/**
 * A JSON body's value with its templates as expressions: text for `{{name}}`, and for a field that is
 * exactly `{{= name}}` the variable's value as JSON (typedValue), as FPT sends it.
 */
function typedJsonValue(value: unknown, context: ScriptContext): unknown {
  return templatedValue(value, variableExpression, (name) =>
    js(`${context.use('typedValue')}(${variableExpression(name).text})`),
  );
}

/** `JSON.stringify(value)`, printed by the printer so that a large body is laid out like any value. */
function jsonText(value: unknown): JsCall {
  return new JsCall('JSON.stringify', value);
}

/**
 * Request headers as FPT merges them (names lowercased): the target's, then the request's, then the
 * body's content type unless one is set, and `connection: close` for keepAlive: false unless one is set.
 * Constant target headers come from HEADERS, which the environment may override; those with
 * `{{variables}}` are rendered per request.
 */
function headersExpression(
  spec: RequestSpec,
  target: Preset['target'],
  contentType: string | undefined,
): unknown {
  const targetHeaders = Object.entries(target.headers ?? {});
  const ownHeaders = new Map<string, unknown>();
  for (const [name, value] of targetHeaders) {
    if (hasPlaceholder(value)) ownHeaders.set(name.toLowerCase(), templatedValue(value, variableExpression));
  }
  for (const [name, value] of Object.entries(spec.headers ?? {}))
    ownHeaders.set(name.toLowerCase(), templatedValue(value, variableExpression));
  const named = new Set([...targetHeaders.map(([name]) => name.toLowerCase()), ...ownHeaders.keys()]);
  if (contentType !== undefined && !named.has('content-type')) ownHeaders.set('content-type', contentType);
  // keepAlive: false asks the server to close the connection after this response, as FPT does.
  if (spec.keepAlive === false && !named.has('connection')) ownHeaders.set('connection', 'close');
  const shared = targetHeaders.some(([, value]) => !hasPlaceholder(value));
  if (ownHeaders.size === 0) return shared ? js('HEADERS') : undefined;
  return new JsObject([...(shared ? [js('...HEADERS')] : []), ...ownHeaders.entries()]);
}
