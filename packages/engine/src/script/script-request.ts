import type { Tags } from '@fpt/metrics';
import type { CompiledRequest } from '../api/compile-request.js';
import { expectedStatusPredicate } from '../api/compile-request.js';

/** One request a script makes, as k6/http's functions receive it, with the VU's defaults applied. */
export interface ScriptRequestInit {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly string[];
  readonly body: string | Buffer | undefined;
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  /** The `name` tag: the caller's, the http.url template, or FPT's grouping of the URL. */
  readonly name: string;
  readonly tags: Tags;
  readonly isExpectedStatus: (status: number) => boolean;
  /** responseType: none drops the body after counting it. */
  readonly keepBody: boolean;
  /** The URL's origin and path, when it was parsed before (see fixedTargetOf); else it is parsed per send. */
  readonly fixedTarget?: { readonly origin: string; readonly path: string } | undefined;
}

/** URLs parsed before, by text: a script sends the same few URLs over and over. */
const parsedTargets = new Map<string, { readonly origin: string; readonly path: string } | null>();

/**
 * The origin and path of a URL, parsed once per distinct URL (up to a bound). A URL with credentials or
 * one that does not parse is left to the per-send path, which adds Basic authentication or fails the
 * request as it should.
 */
export function fixedTargetOf(url: string): { readonly origin: string; readonly path: string } | undefined {
  let target = parsedTargets.get(url);
  if (target === undefined) {
    try {
      const parsed = new URL(url);
      target =
        parsed.username || parsed.password
          ? null
          : { origin: parsed.origin, path: parsed.pathname + parsed.search };
    } catch {
      target = null;
    }
    if (parsedTargets.size < 10_000) parsedTargets.set(url, target);
  }
  return target ?? undefined;
}

const noTemplates = () => {};

/**
 * The request in the shape the engine sends (the same path a preset's requests take: redirects, cookies,
 * the target guard, timings), built per call: a script's URL and body are plain values, never templates.
 */
export function scriptRequest(init: ScriptRequestInit): CompiledRequest {
  return {
    index: 0,
    name: init.name,
    method: init.method,
    weight: 1,
    timeoutMs: init.timeoutMs,
    maxRedirects: init.maxRedirects,
    closeAfter: false,
    tags: init.tags,
    checks: [],
    captures: [],
    records: [],
    groupNames: [],
    when: undefined,
    repeat: undefined,
    sleep: undefined,
    keepBody: init.keepBody,
    isExpectedStatus: init.isExpectedStatus,
    fixedTarget: init.fixedTarget,
    onMissing: noTemplates,
    url: () => init.url,
    headers: () => init.headers as string[],
    body: () => init.body,
  };
}

/** k6's default: a response is expected when its status is 200 to 399. */
export const defaultExpectedStatus = expectedStatusPredicate(undefined);
