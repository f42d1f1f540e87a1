import * as z from 'zod';
import { duration, headerMap, identifier, nonNegativeInt, pause, tagMap } from './common.js';

export const requestCompressions = ['gzip', 'deflate', 'br', 'zstd'] as const;
const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** One JSON path form, small on purpose: `$.a.b[0].c` or `a.b[0].c`. */
const jsonPath = z
  .string()
  .regex(/^\$?(?:\.?[A-Za-z_$][\w$-]*|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*$/, {
    error: 'expected a JSON path such as $.data.items[0].id',
  })
  .describe('A JSON path into the response body, for example $.data.items[0].id.');

const statusCode = z.number().int().min(100).max(599).describe('An HTTP status code.');

/** "200-299" or 404: statuses that count as expected (not failed) for http_req_failed. */
const statusOrRange = z.union([
  statusCode,
  z
    .string()
    .regex(/^[1-5]\d\d-[1-5]\d\d$/, { error: 'expected a status code or a range such as "200-299"' })
    .describe('A range of statuses, inclusive, for example "200-299".'),
]);

export const checkKinds = [
  'status',
  'bodyContains',
  'bodyNotContains',
  'jsonPath',
  'header',
  'maxDuration',
] as const;

export const checkSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .optional()
      .describe('Name shown in the summary; generated from the check when omitted.'),
    status: z
      .union([statusCode, z.array(statusCode).min(1)])
      .optional()
      .describe('The response status must be this one (or one of these).'),
    bodyContains: z.string().optional().describe('The response body must contain this text.'),
    bodyNotContains: z.string().optional().describe('The response body must not contain this text.'),
    jsonPath: jsonPath.optional(),
    equals: z
      .union([z.string(), z.number(), z.boolean(), z.null()])
      .optional()
      .describe('With jsonPath: the value there must equal this. With header: the header must equal this.'),
    exists: z.boolean().optional().describe('With jsonPath: the path must exist (true) or must not (false).'),
    header: z.string().min(1).optional().describe('A response header name to check (case-insensitive).'),
    contains: z.string().optional().describe('With header: the header value must contain this text.'),
    matches: z
      .string()
      .optional()
      .describe('With header: the header value must match this regular expression.'),
    maxDuration: duration('The response must arrive within this time (http_req_duration)').optional(),
  })
  .describe(
    'A check evaluated on every response. Give exactly one of status, bodyContains, bodyNotContains, jsonPath, header, maxDuration. A failed check is counted and never stops the VU.',
  );

export const captureSchema = z
  .strictObject({
    name: identifier('Variable name; later requests use it as {{name}}.'),
    jsonPath: jsonPath.optional(),
    header: z.string().min(1).optional().describe('Capture the value of this response header.'),
    regex: z
      .string()
      .optional()
      .describe('Capture from the body with this regular expression: the first group, or the whole match.'),
  })
  .describe('Saves a value from the response into a variable. Give exactly one of jsonPath, header, regex.');

/** One part of a multipart/form-data body: text, or a file (k6's http.file). */
const multipartPart = z.union([
  z.union([z.string(), z.number(), z.boolean()]).describe('A text field; may use {{variables}}.'),
  z
    .strictObject({
      file: z.string().min(1).describe('The file to upload, relative to the preset; sent as its bytes.'),
      filename: z
        .string()
        .optional()
        .describe("The file name the server sees (default: the file's own name)."),
      contentType: z
        .string()
        .optional()
        .describe("The part's content type (default application/octet-stream, as k6)."),
    })
    .describe("A file part (k6's http.file)."),
  z
    .strictObject({
      value: z.string().describe('The text; may use {{variables}}.'),
      contentType: z.string().describe("The part's content type, for example application/json."),
    })
    .describe('A text part with a content type of its own.'),
]);

export const bodyKinds = ['json', 'form', 'raw', 'base64', 'file', 'multipart'] as const;

export const bodySchema = z
  .strictObject({
    json: z
      .unknown()
      .optional()
      .describe('A JSON body; strings inside may use {{variables}}. Sets content-type.'),
    form: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe('A URL-encoded form body. Sets content-type.'),
    raw: z.string().optional().describe('A raw body sent as is (after {{variable}} substitution), in UTF-8.'),
    base64: z
      .string()
      .regex(/^[A-Za-z0-9+/\s]*={0,2}\s*$/, {
        error: 'expected base64 text (A-Z, a-z, 0-9, +, /, = padding)',
      })
      .optional()
      .describe('A binary body written as base64; its bytes are sent as they are.'),
    file: z
      .string()
      .min(1)
      .optional()
      .describe('A binary body read from this file, relative to the preset; its bytes are sent as they are.'),
    multipart: z
      .record(z.string().min(1), multipartPart)
      .optional()
      .describe(
        'A multipart/form-data body: field name → text, { file, filename, contentType } or { value, contentType }. Sets content-type with its boundary.',
      ),
    contentType: z
      .string()
      .optional()
      .describe(
        'Content-type for a raw, base64 or file body (default text/plain for raw, application/octet-stream for bytes).',
      ),
  })
  .describe('The request body: exactly one of json, form, raw, base64, file, multipart.');

export const graphqlSchema = z
  .strictObject({
    query: z.string().min(1).describe('The GraphQL document.'),
    variables: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('GraphQL variables; strings may use {{variables}}.'),
    operationName: z.string().optional().describe('The operation to run when the document has several.'),
  })
  .describe(
    'A GraphQL request: sent as a JSON POST (or, with method: GET, as query parameters); a response whose "errors" array is non-empty fails its check.',
  );

/** What a request records into a custom metric: a number, the request's own figures, or a value it read. */
const recordValue = z
  .union([
    z.number(),
    z.boolean(),
    z.enum(['duration', 'status', 'waiting']),
    z.strictObject({ jsonPath: jsonPath }).describe('A number read from the JSON body.'),
    z
      .strictObject({ header: z.string().min(1).describe('Header name (any case).') })
      .describe('A number read from a response header.'),
    z
      .strictObject({ variable: z.string().min(1).describe('Variable name, without braces.') })
      .describe('A number held by a variable ({{name}}).'),
  ])
  .describe(
    'duration or waiting (this response, ms), status, a number, true/false (rates), { jsonPath }, { header } or { variable }. Default: duration for a trend, 1 for a counter, the response being expected for a rate.',
  );

export const recordSchema = z
  .strictObject({
    metric: z.string().min(1).describe('A metric declared under metrics:.'),
    value: recordValue.optional(),
  })
  .describe('Adds a value to a custom metric after the response (k6: myTrend.add(...)).');

const sleepSchema = pause('A fixed pause', 'A pause drawn uniformly between min and max.').describe(
  'k6 sleep(): a duration or {min, max}.',
);

export const repeatSchema = z
  .union([
    z.number().int().min(0).describe('How many times the request is sent.'),
    z
      .string()
      .regex(/^\{\{\s*[^{}]+\s*\}\}$/, { error: 'expected a count, {{variable}}, or { over: variable }' })
      .describe('A count held by a variable: "{{itemCount}}".'),
    z
      .strictObject({
        over: z.string().min(1).describe('A variable holding a JSON array (a capture of a list).'),
        as: identifier('The name each element is readable under: {{item}}.').default('item'),
      })
      .describe('Once per element of a captured list; {{__REPEAT}} is the position.'),
  ])
  .describe('Send this request several times in a sequence (a loop).');

export const whenSchema = z
  .strictObject({
    status: z
      .union([statusCode, z.array(statusCode).min(1)])
      .optional()
      .describe('The previous response of the iteration had this status (or one of these).'),
    variable: z.string().min(1).optional().describe('A variable to test (a capture).'),
    exists: z.boolean().optional().describe('With variable: it has a value (true) or not (false).'),
    equals: z
      .union([z.string(), z.number(), z.boolean()])
      .optional()
      .describe('With variable: it equals this.'),
    above: z.number().optional().describe('With variable: it is a number above this.'),
    below: z.number().optional().describe('With variable: it is a number below this.'),
  })
  .describe(
    'Send this request only if: the previous status was…, or a variable exists / equals / is above / below…',
  );

export const requestSchema = z
  .strictObject({
    name: identifier('Request name: the `name` tag of its samples and the key of its thresholds.'),
    method: z
      .enum(httpMethods)
      .optional()
      .describe('HTTP method (default: GET, or POST for a GraphQL request).'),
    path: z
      .string()
      .optional()
      .describe('Path appended to target.baseUrl, for example /api/items/{{id}}. Give path or url.'),
    url: z.string().optional().describe('An absolute URL, used instead of target.baseUrl + path.'),
    query: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe('Query parameters; values may use {{variables}}.'),
    headers: headerMap.optional(),
    body: bodySchema.optional(),
    graphql: graphqlSchema.optional(),
    expectedStatuses: z
      .array(statusOrRange)
      .min(1)
      .optional()
      .describe('Statuses that count as success for http_req_failed (default: 200-399, as k6).'),
    checks: z.array(checkSchema).optional().describe('Checks evaluated on every response.'),
    captures: z
      .array(captureSchema)
      .optional()
      .describe('Values saved from the response for later requests.'),
    weight: z
      .number()
      .positive({ error: 'weight must be greater than 0' })
      .default(1)
      .describe('Relative weight for weighted selection.'),
    timeout: duration('Request timeout; overrides target.timeout').optional(),
    keepAlive: z
      .boolean()
      .optional()
      .describe(
        'false: ask the server to close the connection after this response (Connection: close) and open a new one next time.',
      ),
    compression: z
      .enum(requestCompressions)
      .optional()
      .describe(
        "Compress the request body with this coding and say so in Content-Encoding (k6's compression parameter).",
      ),
    maxRedirects: nonNegativeInt(
      'Redirects this request follows before its response is returned as is; overrides target.maxRedirects.',
    ).optional(),
    tags: tagMap.optional(),
    record: z
      .union([recordSchema, z.array(recordSchema).min(1)])
      .optional()
      .describe('Custom metrics this request records into after its response.'),
    group: z
      .string()
      .regex(/^[^:]+(::[^:]+)*$/, { error: 'a group name, or nested names joined by :: (checkout::pay)' })
      .optional()
      .describe(
        'k6 group(): requests of a sequence next to each other with the same group run as one group (tag group=::checkout, group_duration); checkout::pay nests pay in checkout.',
      ),
    when: whenSchema.optional(),
    repeat: repeatSchema.optional(),
    sleep: sleepSchema
      .optional()
      .describe('k6 sleep() after this request (a sequence): a duration or {min, max}.'),
  })
  .describe('One HTTP request of an API scenario.')
  // The method's default depends on another field: GraphQL goes out as POST unless GET is asked for.
  .transform((request) => ({ ...request, method: request.method ?? defaultMethod(request) }));

function defaultMethod(request: { readonly graphql?: unknown }): HttpMethod {
  return request.graphql === undefined ? 'GET' : 'POST';
}

export type HttpMethod = (typeof httpMethods)[number];

export type RequestSpec = z.infer<typeof requestSchema>;
export type RecordSpec = z.infer<typeof recordSchema>;
export type WhenSpec = z.infer<typeof whenSchema>;
export type RepeatSpec = z.infer<typeof repeatSchema>;
export type CheckSpec = z.infer<typeof checkSchema>;
export type CaptureSpec = z.infer<typeof captureSchema>;
