/** The request bytes of one exchange, whatever the protocol. */
export interface ExchangeRequest {
  readonly method: string;
  /** Path with query string. */
  readonly path: string;
  /** Flat [name, value, name, value, ...] list; a constant list is the same array on every send. */
  readonly headers: readonly string[];
  /** The cookie jar's Cookie header for this request, if any. */
  readonly cookie?: string | undefined;
  readonly body?: string | Buffer | undefined;
  /** Close the connection after this exchange (keep-alive off for this request, or for the whole run). */
  readonly closeAfter?: boolean | undefined;
}
