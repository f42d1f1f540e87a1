import {
  bodyKinds,
  type CaptureSpec,
  type CheckSpec,
  checkKinds,
  type RequestSpec,
} from '../schema/request.js';
import type { SchemaProblem } from '../zod-issues.js';

const captureSources = ['jsonPath', 'header', 'regex'] as const;

/** Rules the schema cannot say on its own: "exactly one of", options that only make sense together. */
export function checkRequests(
  requests: readonly RequestSpec[],
  basePath: readonly PropertyKey[],
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  requests.forEach((request, index) => {
    const path = [...basePath, index];
    if (request.path === undefined && request.url === undefined && request.graphql === undefined) {
      problems.push({
        path,
        message: `request "${request.name}" needs a path or a url`,
        hint: 'add path: /api/...',
      });
    }
    if (request.path !== undefined && request.url !== undefined) {
      problems.push({ path: [...path, 'url'], message: 'give path or url, not both', atKey: true });
    }
    if (request.url !== undefined && !/^https?:\/\//.test(request.url) && !request.url.startsWith('{{')) {
      problems.push({
        path: [...path, 'url'],
        message: 'url must be absolute (http:// or https://)',
        hint: 'use path for a path under target.baseUrl',
      });
    }
    if (request.path !== undefined && !request.path.startsWith('/') && !request.path.startsWith('{{')) {
      problems.push({
        path: [...path, 'path'],
        message: 'path must start with "/"',
        hint: `write "/${request.path}"`,
      });
    }
    if (request.body) {
      const kinds = bodyKinds.filter((k) => request.body?.[k] !== undefined);
      if (kinds.length !== 1) {
        problems.push({
          path: [...path, 'body'],
          message:
            kinds.length === 0
              ? `body needs one of ${bodyKinds.join(', ')}`
              : `body has ${kinds.join(' and ')}: give only one`,
        });
      }
      const { raw, base64, file } = request.body;
      if (
        request.body.contentType !== undefined &&
        raw === undefined &&
        base64 === undefined &&
        file === undefined
      ) {
        problems.push({
          path: [...path, 'body', 'contentType'],
          message:
            'contentType applies to a raw, base64 or file body (json, form and multipart set their own)',
          atKey: true,
        });
      }
      if (request.graphql) {
        problems.push({
          path: [...path, 'graphql'],
          message: 'a GraphQL request builds its own body: remove body',
          atKey: true,
        });
      }
    }
    if (request.graphql && request.method !== 'POST' && request.method !== 'GET') {
      problems.push({ path: [...path, 'method'], message: 'GraphQL requests are sent with POST (or GET)' });
    }
    for (const [checkIndex, check] of (request.checks ?? []).entries()) {
      problems.push(...checkCheck(check, [...path, 'checks', checkIndex]));
    }
    for (const [captureIndex, capture] of (request.captures ?? []).entries()) {
      problems.push(...checkCapture(capture, [...path, 'captures', captureIndex]));
    }
  });
  return problems;
}

function checkCheck(check: CheckSpec, path: readonly PropertyKey[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const kinds = checkKinds.filter((k) => check[k] !== undefined);
  if (kinds.length !== 1) {
    problems.push({
      path,
      message:
        kinds.length === 0
          ? 'a check needs one of ' + checkKinds.join(', ')
          : `a check tests one thing; this one has ${kinds.join(' and ')}`,
      hint: kinds.length > 1 ? 'split it into one check per item' : undefined,
    });
    return problems;
  }
  const kind = kinds[0];
  const onlyWith = (field: keyof CheckSpec, allowed: readonly string[]) => {
    if (check[field] !== undefined && !allowed.includes(kind!)) {
      problems.push({
        path: [...path, field],
        message: `${field} goes with ${allowed.join(' or ')}, not ${kind}`,
        atKey: true,
      });
    }
  };
  onlyWith('equals', ['jsonPath', 'header']);
  onlyWith('exists', ['jsonPath']);
  onlyWith('contains', ['header']);
  onlyWith('matches', ['header']);
  if (kind === 'jsonPath' && check.equals === undefined && check.exists === undefined) {
    problems.push({
      path,
      message: 'a jsonPath check needs equals or exists',
      hint: 'add exists: true to require the field',
    });
  }
  if (
    kind === 'header' &&
    [check.equals, check.contains, check.matches].filter((v) => v !== undefined).length > 1
  ) {
    problems.push({ path, message: 'a header check takes one of equals, contains, matches' });
  }
  if (check.matches !== undefined) problems.push(...checkRegex(check.matches, [...path, 'matches']));
  return problems;
}

function checkCapture(capture: CaptureSpec, path: readonly PropertyKey[]): SchemaProblem[] {
  const sources = captureSources.filter((k) => capture[k] !== undefined);
  if (sources.length !== 1) {
    return [
      {
        path,
        message:
          sources.length === 0
            ? `capture "${capture.name}" needs one of jsonPath, header, regex`
            : `capture "${capture.name}" has ${sources.join(' and ')}: give only one`,
      },
    ];
  }
  return capture.regex === undefined ? [] : checkRegex(capture.regex, [...path, 'regex']);
}

function checkRegex(source: string, path: readonly PropertyKey[]): SchemaProblem[] {
  try {
    new RegExp(source);
    return [];
  } catch (error) {
    return [{ path, message: `not a valid regular expression: ${(error as Error).message}` }];
  }
}
