// Stand-ins for the k6 modules a generated script imports. The inert ones only let the module load, so
// its `options` can be read. The live ones run it: k6/http sends real (synchronous) requests, k6/browser
// drives a real Chromium through Playwright, and checks, metrics and requests are recorded.
import { randomBytes } from 'node:crypto';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import * as zlib from 'node:zlib';

const noop = () => undefined;

/** k6's http.file: the part a multipart body sends for a file. */
function fileData(data, filename, contentType = 'application/octet-stream') {
  return { data, filename, content_type: contentType };
}

/** k6/encoding's b64decode: an ArrayBuffer, or text with format 's'. */
function b64decode(input, variant = 'std', format) {
  const bytes = Buffer.from(input, variant.includes('url') ? 'base64url' : 'base64');
  if (format === 's') return bytes.toString('utf8');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

class InertMetric {
  constructor(name) {
    this.name = name;
  }
  add() {}
}

/** k6's names and shapes, doing nothing. */
export function inertStandIns() {
  return {
    k6: { check: () => true, sleep: noop, group: (_name, fn) => fn(), fail: noop },
    'k6/http': { default: { request: noop, expectedStatuses: () => ({}), file: fileData } },
    'k6/metrics': { Counter: InertMetric, Rate: InertMetric, Trend: InertMetric, Gauge: InertMetric },
    // k6 calls the function once and shares the array it returns (a constructor returning an object).
    'k6/data': {
      SharedArray: function SharedArray(_name, rows) {
        return rows();
      },
    },
    'k6/execution': { default: { scenario: { name: 'inert', iterationInTest: 0 }, vu: {} } },
    'k6/browser': { browser: {} },
    'k6/crypto': { default: { randomBytes: (size) => new ArrayBuffer(size) } },
    'k6/encoding': { default: { b64decode } },
  };
}

function durationMs(text) {
  const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, value, unit] of String(text).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
    total += value * units[unit];
  return total;
}

function isLoopback(url) {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
}

function isFileData(value) {
  return value !== null && typeof value === 'object' && 'content_type' in value && 'data' in value;
}

function isArrayBuffer(value) {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/** Sets a header unless the request names it already (header names are case-insensitive). */
function setDefaultHeader(headers, name, value) {
  if (!Object.keys(headers).some((key) => key.toLowerCase() === name)) headers[name] = value;
}

/**
 * A request body as k6/http sends it: text as UTF-8, an ArrayBuffer as its bytes, an object as a form,
 * or as multipart/form-data (Go's mime/multipart, as k6 writes it) when one of its values is an
 * http.file. k6 sets the content type of the last two unless the request names one.
 */
function k6Body(body, headers) {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (isArrayBuffer(body)) return new Uint8Array(body);
  const fields = Object.entries(body);
  if (!fields.some(([, value]) => isFileData(value))) {
    setDefaultHeader(headers, 'content-type', 'application/x-www-form-urlencoded');
    return new URLSearchParams(fields.map(([name, value]) => [name, String(value)])).toString();
  }
  const boundary = randomBytes(30).toString('hex');
  const pieces = [];
  for (const [name, value] of fields) {
    if (isFileData(value)) {
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: ${value.content_type}\r\n\r\n`;
      pieces.push(Buffer.from(head), Buffer.from(value.data), Buffer.from('\r\n'));
    } else {
      pieces.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
    }
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  setDefaultHeader(headers, 'content-type', `multipart/form-data; boundary=${boundary}`);
  return new Uint8Array(Buffer.concat(pieces));
}

const compressors = {
  gzip: zlib.gzipSync,
  deflate: zlib.deflateSync,
  br: zlib.brotliCompressSync,
  zstd: zlib.zstdCompressSync,
};

/** k6's compression param: the body compressed with that coding, which Content-Encoding names. */
function compressed(payload, coding, headers) {
  if (payload === undefined || coding === undefined) return payload;
  const compress = compressors[coding];
  if (!compress) throw new Error(`the stand-in cannot compress with ${coding}`);
  headers['content-encoding'] = coding;
  return new Uint8Array(compress(Buffer.from(payload)));
}

/** A synchronous fetch: the request goes to a worker thread while this one waits on a shared flag. */
function syncFetcher() {
  const worker = new Worker(new URL('./sync-http-worker.mjs', import.meta.url));
  worker.unref();
  return (request) => {
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ request, signal, port: port2 }, [port2]);
    Atomics.wait(signal, 0, 0);
    const received = receiveMessageOnPort(port1);
    port1.close();
    if (!received) throw new Error(`no answer for ${request.method} ${request.url}`);
    return received.message;
  };
}

/**
 * Stand-ins that run the script for real and record what it does in `record`:
 * requests [{scenario, group, method, url, name, body}], checks {"scenario|name|check": {passes, fails}},
 * metrics {name: {kind, isTime, samples, adds: [{value, tags, group}]}}, groups (the path of each group()
 * call, in order), sleeps [{seconds, group}], pages [{url, name}] (the names namePages gave visited pages).
 * A group path is k6's: "::checkout::pay" inside group('pay') inside group('checkout'), "" outside any.
 * `chromium.browser` is the Playwright browser that k6/browser drives, when the run has one.
 */
export function liveStandIns(record, state, chromium) {
  const fetchSync = syncFetcher();
  const groupStack = [];
  const groupPath = () => groupStack.map((name) => `::${name}`).join('');
  // k6's group(): runs the function at once, inside the group, and returns what it returns.
  const group = (name, fn) => {
    groupStack.push(name);
    record.groups.push(groupPath());
    try {
      return fn();
    } finally {
      groupStack.pop();
    }
  };
  const sleep = (seconds) => {
    record.sleeps.push({ seconds, group: groupPath() });
  };
  const check = (value, sets, tags = {}) => {
    let all = true;
    for (const [name, predicate] of Object.entries(sets)) {
      const passed = Boolean(predicate(value));
      all &&= passed;
      const key = `${state.scenario.name}|${tags.name ?? ''}|${name}`;
      record.checks[key] ??= { passes: 0, fails: 0 };
      record.checks[key][passed ? 'passes' : 'fails']++;
    }
    return all;
  };
  // k6/http's request as a live stand-in: the body k6 would send, with the params' headers, compression
  // and timeout (redirects are followed as fetch does).
  const request = (method, url, body, params = {}) => {
    // Load goes to loopback only, whatever a script says.
    if (!isLoopback(url)) throw new Error(`refusing to send a request to ${url}: tests load loopback only`);
    const headers = { ...params.headers };
    const payload = compressed(k6Body(body, headers), params.compression, headers);
    record.requests.push({
      scenario: state.scenario.name,
      group: groupPath(),
      method,
      url,
      name: params.tags?.name,
      body: typeof payload === 'string' ? payload : undefined,
    });
    const answer = fetchSync({
      method,
      url,
      headers,
      body: payload,
      timeoutMs: durationMs(params.timeout ?? '60s'),
    });
    return {
      status: answer.status,
      headers: answer.headers,
      body: answer.body,
      timings: { duration: answer.durationMs, waiting: answer.waitingMs },
    };
  };
  // k6/metrics: each add is kept with its tags and the group it was made in (k6 tags it so).
  const metric = (kind) =>
    class LiveMetric {
      constructor(name, isTime = false) {
        this.name = name;
        record.metrics[name] = { kind, isTime, samples: 0, adds: [] };
      }
      add(value, tags = {}) {
        if (typeof value !== 'number' && typeof value !== 'boolean')
          throw new Error(`${this.name}.add(${String(value)}): k6 takes a number or a boolean`);
        const entry = record.metrics[this.name];
        entry.samples++;
        entry.adds.push({ value, tags, group: groupPath() });
      }
    };
  return {
    ...inertStandIns(),
    k6: { check, sleep, group, fail: noop },
    'k6/http': { default: { request, expectedStatuses: () => ({}), file: fileData } },
    'k6/metrics': {
      Counter: metric('counter'),
      Rate: metric('rate'),
      Trend: metric('trend'),
      Gauge: metric('gauge'),
    },
    'k6/execution': { default: state },
    'k6/browser': { browser: liveBrowser(record, chromium) },
    'k6/crypto': { default: { randomBytes: (size) => randomBytes(size).buffer } },
  };
}

/**
 * k6/browser's `browser` over a Playwright Chromium. Pages expose only the methods generated scripts use,
 * so a call to anything else fails; `on('metric')` handlers are given each visited URL, as k6 does for a
 * page's metrics, and the name they tag it with is recorded.
 */
function liveBrowser(record, chromium) {
  return {
    async newContext(options) {
      if (!chromium.browser) throw new Error('this run has no Chromium');
      const context = await chromium.browser.newContext(options);
      // Navigation goes to loopback only, as requests do.
      await context.route(
        (url) => !isLoopback(url.href),
        (route) => route.abort(),
      );
      return {
        async newPage() {
          const page = await context.newPage();
          const metricHandlers = [];
          const tagVisit = (url) => {
            let named = url;
            const message = {
              tag({ name, matches }) {
                if (matches.some((match) => match.url.test(url))) named = name;
              },
            };
            for (const handler of metricHandlers) handler(message);
            record.pages.push({ url, name: named });
          };
          return {
            on(event, handler) {
              if (event !== 'metric') throw new Error(`the stand-in page has no ${event} event`);
              metricHandlers.push(handler);
            },
            async goto(url, options) {
              const response = await page.goto(url, options);
              tagVisit(page.url());
              return response;
            },
            click: (selector, options) => page.click(selector, options),
            fill: (selector, value, options) => page.fill(selector, value, options),
            press: (selector, key, options) => page.press(selector, key, options),
            locator: (selector, options) => page.locator(selector, options),
            getByText: (text, options) => page.getByText(text, options),
            screenshot: (options) => page.screenshot(options),
            close: () => page.close(),
          };
        },
        close: () => context.close(),
      };
    },
  };
}
