/** One row of the demo target's route table; `GET /` serves the whole table as its JSON index. */
export type DemoTargetRoute = {
  /** Stable name: the key in `DemoTargetStats.byRoute` and the handler the server dispatches to. */
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path pattern; `:name` segments are path parameters. */
  readonly path: string;
  readonly description: string;
  /** Query parameters (the knobs) and what they do. */
  readonly query?: Readonly<Record<string, string>>;
};

// Limits shared by the handlers and the table, so the documentation cannot drift from the behaviour.
export const demoTargetLimits = {
  maxDelayMs: 60_000,
  maxBodyBytes: 50 * 1024 * 1024,
  maxRequestBodyBytes: 10 * 1024 * 1024,
  maxRedirects: 50,
  maxCreatedItems: 1000,
  maxFailKeys: 10_000,
  // A click handler blocks the page's main thread this long at most; longer would look like a hung page.
  maxBlockMs: 10_000,
} as const;

/** The knob of the item routes that asks for a login first. */
const authQuery = {
  auth: '1 to require the header "authorization: Bearer tok-...", cookie to require the session cookie from /api/login (else 401)',
} as const;

export const demoTargetRoutes = [
  {
    name: 'index',
    method: 'GET',
    path: '/',
    description: 'This route table as JSON.',
  },
  {
    name: 'health',
    method: 'GET',
    path: '/health',
    description: '200 with the text body "ok".',
  },
  {
    name: 'fast',
    method: 'GET',
    path: '/fast',
    description: '200 with the JSON body {"ok":true}, answered at once.',
  },
  {
    name: 'delay',
    method: 'GET',
    path: '/delay',
    description:
      '200 JSON {"ok":true,"delayMs":N} after waiting at least N ms (measured from request arrival). Over the cap: 400.',
    query: { ms: 'delay in ms, integer 0..60000, default 0' },
  },
  {
    name: 'delay',
    method: 'GET',
    path: '/delay/:ms',
    description: 'Same as /delay?ms=N with the delay in the path.',
  },
  {
    name: 'status',
    method: 'GET',
    path: '/status/:code',
    description:
      'Answers with that status and the JSON body {"status":code} (no body for 204/304), code 200..599. Anything else is 400, 1xx included: an informational status cannot end an HTTP exchange, and clients hang or fail on one.',
  },
  {
    name: 'fail',
    method: 'GET',
    path: '/fail',
    description:
      'Deterministic failures: with a counter n per key, request n fails when floor((n+1)*ratio) > floor(n*ratio), so exactly floor(N*ratio) of the first N requests fail. Failures answer JSON {"ok":false}, successes 200 {"ok":true}. Header x-fail-sequence carries n. resetStats() restarts the counters.',
    query: {
      ratio: 'share of requests that fail, 0..1 (resolution 1e-6), default 1',
      status: 'status of failing requests, 400..599, default 500',
      key: 'separate counter per key (at most 10000 keys; the oldest key is dropped first), default ""',
    },
  },
  {
    name: 'bytes',
    method: 'GET',
    path: '/bytes/:n',
    description:
      '200 with exactly n bytes of body (application/octet-stream, repeating a-z), n 0..52428800 (50 MiB), else 400.',
  },
  {
    name: 'echo',
    method: 'POST',
    path: '/echo',
    description:
      '200 JSON {method, headers, body} with the body as text; when the content-type is JSON and the body parses, also {json}, otherwise {jsonError}. Bodies over 10 MiB: 413.',
  },
  {
    name: 'login',
    method: 'POST',
    path: '/api/login',
    description:
      'JSON {"username","password"}: 200 {"token":"tok-<username>"} and the cookie session=tok-<username> (Path=/api) when password is "secret", else 401 {"error":"invalid credentials"}; malformed body 400. Always sets x-request-id (the request\'s own x-request-id when sent).',
  },
  {
    name: 'items-list',
    method: 'GET',
    path: '/api/items',
    description: '200 JSON array of 20 fixed items {id, name, price} (ids 1..20).',
    query: authQuery,
  },
  {
    name: 'items-get',
    method: 'GET',
    path: '/api/items/:id',
    description: '200 with the item (fixed or created), 404 when there is none.',
    query: authQuery,
  },
  {
    name: 'items-create',
    method: 'POST',
    path: '/api/items',
    description:
      'JSON {"name": string, "price"?: number >= 0}: 201 with the created item and a location header; ids from 21 up; the newest 1000 created items are kept. Invalid body 400.',
    query: authQuery,
  },
  {
    name: 'items-delete',
    method: 'DELETE',
    path: '/api/items/:id',
    description: '204 when a created item is deleted; 403 for the 20 fixed items; 404 when there is none.',
    query: authQuery,
  },
  {
    name: 'graphql',
    method: 'POST',
    path: '/graphql',
    description:
      'Tiny GraphQL endpoint, body {query, variables, operationName}. Query fields: items { id name price }, item(id: ID!) { id name price } (null when absent), __typename. Only requested fields are returned. Unknown fields, syntax errors, mutations: 200 {"errors":[...]}. Malformed JSON or no query: 400 {"errors":[...]}.',
  },
  {
    name: 'fault-reset',
    method: 'GET',
    path: '/fault/reset',
    description: 'Resets the TCP connection (RST) without answering: the client sees ECONNRESET.',
  },
  {
    name: 'fault-hang',
    method: 'GET',
    path: '/fault/hang',
    description: 'Never answers; the socket stays open until the client gives up or the server closes.',
  },
  {
    name: 'fault-malformed-json',
    method: 'GET',
    path: '/fault/malformed-json',
    description: '200 with content-type application/json and the truncated body {"items": [1, 2,',
  },
  {
    name: 'fault-partial',
    method: 'GET',
    path: '/fault/partial',
    description: 'Declares content-length 1000, sends 10 bytes, then destroys the socket.',
  },
  {
    name: 'fault-slow-body',
    method: 'GET',
    path: '/fault/slow-body',
    description: 'Sends the 200 headers at once and the JSON body {"ok":true} after ms.',
    query: { ms: 'delay before the body in ms, integer 0..60000, default 500' },
  },
  {
    name: 'redirect',
    method: 'GET',
    path: '/redirect',
    description: '302 chain of n hops ending at `to`. Only local paths (starting with one "/") are allowed.',
    query: { to: 'final local path, default /fast', n: 'number of redirects, 1..50, default 1' },
  },
  {
    name: 'page-home',
    method: 'GET',
    path: '/pages/home',
    description:
      'HTML page: heading h1#title, large text hero #hero (the LCP element), buttons #cta and #buy that write "Clicked!" into #result, form #search-form (GET /pages/home) with inputs #q and #email; after a submit, #result shows "Submitted q=<q> email=<email>". No external resources.',
  },
  {
    name: 'page-slow-lcp',
    method: 'GET',
    path: '/pages/slow-lcp',
    description:
      'HTML page whose largest element (#hero, large text) is inserted by an inline script after ms, so LCP is at least ms.',
    query: { ms: 'delay before the hero appears, integer 0..60000, default 800' },
  },
  {
    name: 'page-shift',
    method: 'GET',
    path: '/pages/shift',
    description:
      'HTML page that inserts a 200px-high #banner above the fixed-height header (100px) and #content (300px) ms after the load event: one layout shift of a known score, CLS = (600 / H) × (200 / max(W, H)) for a W×H viewport at least 600px high: 0.1171875 at 1280×800, 0.1302083 at 1280×720.',
    query: { ms: 'delay after load before the shift, integer 0..60000, default 300' },
  },
  {
    name: 'page-slow-click',
    method: 'GET',
    path: '/pages/slow-click',
    description:
      'HTML page with a button #slow whose click handler busy-waits ms on the main thread, then writes "Done" into #result: INP is at least ms (Event Timing rounds to 8 ms, so use a multiple of 8 for an exact lower bound).',
    query: { ms: 'main-thread blocking time in ms, integer 0..10000, default 304' },
  },
  {
    name: 'page-no-lcp',
    method: 'GET',
    path: '/pages/no-lcp',
    description:
      'HTML page whose only element is visibility:hidden: nothing is painted, so there is no FCP, no LCP candidate and no CLS (CLS waits for FCP); TTFB is still measured.',
  },
  {
    name: 'page-error',
    method: 'GET',
    path: '/pages/error',
    description:
      'A server error page: status 500 with an HTML body (h1#title "Something went wrong", p#message) that renders normally.',
  },
] as const satisfies readonly DemoTargetRoute[];

export type DemoTargetRouteName = (typeof demoTargetRoutes)[number]['name'];
