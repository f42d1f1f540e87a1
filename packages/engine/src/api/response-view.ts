import type { HttpResponse } from '../http/http-session.js';
import { combinedHeader } from '../http/response-headers.js';

const unparsed: unique symbol = Symbol('unparsed');
export const invalidJson: unique symbol = Symbol('invalid JSON');

/** Lazy views of one response for checks and captures: the body is decoded and parsed at most once. */
export class ResponseView {
  #response!: HttpResponse;
  #text: string | undefined;
  #json: unknown = unparsed;

  reset(response: HttpResponse): this {
    this.#response = response;
    this.#text = undefined;
    this.#json = unparsed;
    return this;
  }

  get status(): number {
    return this.#response.status;
  }

  get durationMs(): number {
    return this.#response.timings.durationMs;
  }

  get failedToConnect(): boolean {
    return this.#response.status === 0;
  }

  /** A response header, repeated values joined with ", ". */
  header(name: string): string | undefined {
    return combinedHeader(this.#response.headers, name);
  }

  text(): string {
    this.#text ??= this.#response.body?.toString('utf8') ?? '';
    return this.#text;
  }

  /** The body as JSON, or `invalidJson` when it is not (a malformed body fails checks, never throws). */
  json(): unknown {
    if (this.#json === unparsed) {
      try {
        this.#json = JSON.parse(this.text());
      } catch {
        this.#json = invalidJson;
      }
    }
    return this.#json;
  }
}
