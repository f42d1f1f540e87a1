import type { Tags } from '@fpt/metrics';
import type { CustomMetricSpec, PresetAssets, RequestSpec } from '@fpt/preset';
import { groupNames, parseDurationMs } from '@fpt/preset';
import { type CompiledTemplate, compileTemplate, renderTemplate, type Variables } from '../template.js';
import { pauseOf } from '../think-time.js';
import { compileBody, graphqlPayload } from './compile-body.js';
import { type CompiledCapture, compileCapture } from './compile-captures.js';
import { type CompiledCheck, compileCheck, graphqlNoErrorsCheck } from './compile-checks.js';
import { type CompiledRepeat, type CompiledWhen, compileRepeat, compileWhen } from './compile-flow.js';
import { type CompiledRecord, compileRecord } from './compile-records.js';

export interface TargetDefaults {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  /** target.connectionReuse off: every request asks for its connection to be closed after it. */
  readonly closeAfterEach: boolean;
  /** Files the preset loader read (bodies from files). */
  readonly assets: PresetAssets;
  /** The preset's custom metrics, which requests record into. */
  readonly metrics: Readonly<Record<string, CustomMetricSpec>>;
}

/** A request from the preset, prepared once so that each send only renders templates. */
export interface CompiledRequest {
  readonly index: number;
  readonly name: string;
  readonly method: string;
  readonly weight: number;
  readonly timeoutMs: number;
  /** Redirects followed before the response is returned as is (the request's own, or the target's). */
  readonly maxRedirects: number;
  /** Keep-alive off for this request: the connection closes after its response. */
  readonly closeAfter: boolean;
  readonly tags: Tags;
  readonly checks: readonly CompiledCheck[];
  readonly captures: readonly CompiledCapture[];
  readonly records: readonly CompiledRecord[];
  /** The groups it runs in, outermost first ([] outside any group). */
  readonly groupNames: readonly string[];
  /** Whether it runs this time (a sequence's when:); undefined: always. */
  readonly when: CompiledWhen | undefined;
  /** How many times it runs in a row (a sequence's repeat:); undefined: once. */
  readonly repeat: CompiledRepeat | undefined;
  /** The pause after it (sleep:); undefined: none. */
  readonly sleep: ((signal: AbortSignal) => Promise<void>) | undefined;
  readonly keepBody: boolean;
  readonly isExpectedStatus: (status: number) => boolean;
  /** Origin and path, parsed once, when the URL has no variables (the common case). */
  readonly fixedTarget: { readonly origin: string; readonly path: string } | undefined;
  /** Reports a {{variable}} without a value, once per request and variable. */
  readonly onMissing: (name: string) => void;
  /** Absolute URL of this request for the iteration's variables. */
  url(variables: Variables, onMissing: (name: string) => void): string;
  /** Flat header list (name, value, ...) including content-type for the body. */
  headers(variables: Variables, onMissing: (name: string) => void): string[];
  body(variables: Variables, onMissing: (name: string) => void): string | Buffer | undefined;
}

export const defaultUserAgent = 'fpt/0.1 (+https://github.com/fpt)';

export function compileRequest(
  spec: RequestSpec,
  index: number,
  target: TargetDefaults,
  onMissing: (requestName: string, variable: string) => void,
): CompiledRequest {
  const base = target.baseUrl.replace(/\/+$/, '');
  const path =
    spec.graphql && spec.path === undefined && spec.url === undefined ? '/graphql' : (spec.path ?? '');
  const urlTemplate = compileTemplate(spec.url ?? `${base}${path}`);
  const query = Object.entries({ ...spec.query, ...graphqlQueryParameters(spec) }).map(
    ([key, value]) => [key, compileTemplate(String(value))] as const,
  );

  // Keyed by lower-case name so that a request's header replaces the target's whatever the case; sent
  // with the name as the preset wrote it.
  const headerTemplates = new Map<string, { readonly name: string; readonly template: CompiledTemplate }>();
  const setHeader = (name: string, value: string) =>
    headerTemplates.set(name.toLowerCase(), { name, template: compileTemplate(value) });
  setHeader('User-Agent', defaultUserAgent);
  for (const [name, value] of Object.entries({ ...target.headers, ...spec.headers })) setHeader(name, value);
  const { render: body, contentType, contentEncoding } = compileBody(spec, target.assets);
  if (contentType && !headerTemplates.has('content-type')) setHeader('Content-Type', contentType);
  if (contentEncoding) setHeader('Content-Encoding', contentEncoding);
  const basicAuth = fixedUrlCredentials(urlTemplate, query);
  if (basicAuth && !headerTemplates.has('authorization')) setHeader('Authorization', basicAuth);
  const headerList = [...headerTemplates.values()];
  const constantHeaders = headerList.every(({ template }) => template.isConstant)
    ? headerList.flatMap(({ name, template }) => [name, template.source])
    : undefined;
  const constantUrl = urlTemplate.isConstant && query.every(([, value]) => value.isConstant);
  let fixedTarget: CompiledRequest['fixedTarget'];
  if (constantUrl) {
    try {
      const parsed = new URL(
        withQuery(
          urlTemplate.source,
          query.map(([key, value]) => [key, value.source]),
        ),
      );
      fixedTarget = { origin: parsed.origin, path: parsed.pathname + parsed.search };
    } catch {
      // An invalid URL is measured as a failed request when sent, like any other.
    }
  }

  const checks = (spec.checks ?? []).map(compileCheck);
  if (spec.graphql) checks.push(graphqlNoErrorsCheck);
  const captures = (spec.captures ?? []).map(compileCapture);
  const records = (spec.record === undefined ? [] : [spec.record].flat()).map((record) =>
    compileRecord(record, target.metrics[record.metric]!),
  );

  return {
    index,
    name: spec.name,
    method: spec.method,
    weight: spec.weight,
    timeoutMs: spec.timeout ? parseDurationMs(spec.timeout) : target.timeoutMs,
    maxRedirects: spec.maxRedirects ?? target.maxRedirects,
    closeAfter: spec.keepAlive === false || target.closeAfterEach,
    tags: spec.tags ?? {},
    checks,
    captures,
    records,
    groupNames: groupNames(spec),
    when: spec.when === undefined ? undefined : compileWhen(spec.when),
    repeat: spec.repeat === undefined ? undefined : compileRepeat(spec.repeat),
    sleep: pauseOf(spec.sleep),
    keepBody: [...checks, ...captures, ...records].some((c) => c.needsBody),
    isExpectedStatus: expectedStatusPredicate(spec.expectedStatuses),
    fixedTarget,
    onMissing: (variable) => onMissing(spec.name, variable),
    url(variables, missing) {
      return withQuery(
        renderTemplate(urlTemplate, variables, missing),
        query.map(([key, value]) => [key, renderTemplate(value, variables, missing)] as const),
      );
    },
    headers(variables, missing) {
      if (constantHeaders) return constantHeaders;
      const flat: string[] = [];
      for (const { name, template } of headerList)
        flat.push(name, renderTemplate(template, variables, missing));
      return flat;
    },
    body: body ?? (() => undefined),
  };
}

/** `user:password@` in a constant URL becomes Basic authentication, as k6 (and Go) send it. */
function fixedUrlCredentials(
  urlTemplate: CompiledTemplate,
  query: readonly (readonly [string, CompiledTemplate])[],
): string | undefined {
  if (!urlTemplate.isConstant || query.some(([, value]) => !value.isConstant)) return undefined;
  try {
    return basicAuthorization(new URL(urlTemplate.source));
  } catch {
    return undefined;
  }
}

/** "Basic …" for a URL with credentials, undefined without. */
export function basicAuthorization(url: URL): string | undefined {
  if (url.username === '' && url.password === '') return undefined;
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}

function withQuery(url: string, query: readonly (readonly [string, string])[]): string {
  if (query.length === 0) return url;
  const search = query
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  return url + (url.includes('?') ? '&' : '?') + search;
}

/**
 * A GraphQL GET carries the request in the URL (GraphQL over HTTP): query and operationName as they are,
 * variables as JSON. Templates inside variables are rendered per iteration like any query parameter.
 */
function graphqlQueryParameters(spec: RequestSpec): Record<string, string> {
  if (!spec.graphql || spec.method !== 'GET') return {};
  const { variables, ...rest } = graphqlPayload(spec.graphql);
  return {
    ...(rest as Record<string, string>),
    ...(variables === undefined ? {} : { variables: JSON.stringify(variables) }),
  };
}

/** k6's default: 200-399 are expected; a preset may list statuses and ranges instead. */
export function expectedStatusPredicate(
  expected: readonly (number | string)[] | undefined,
): (status: number) => boolean {
  if (!expected) return (status) => status >= 200 && status < 400;
  const ranges = expected.map((entry) => {
    if (typeof entry === 'number') return [entry, entry] as const;
    const [low, high] = entry.split('-').map(Number);
    return [low!, high!] as const;
  });
  return (status) => ranges.some(([low, high]) => status >= low && status <= high);
}
