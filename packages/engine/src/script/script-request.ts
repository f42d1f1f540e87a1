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
    fixedTarget: undefined,
    onMissing: noTemplates,
    url: () => init.url,
    headers: () => init.headers as string[],
    body: () => init.body,
  };
}

/** k6's default: a response is expected when its status is 200 to 399. */
export const defaultExpectedStatus = expectedStatusPredicate(undefined);
