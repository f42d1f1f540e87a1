// Sends the HTTP requests of the live k6/http stand-in. k6's http.request is synchronous, so the module
// host posts each request here and blocks on Atomics.wait until this worker has the answer: a real
// request to a real server, answered in k6's Response shape.
import { parentPort } from 'node:worker_threads';

/** Go's canonical header names, as k6 reports them: content-type → Content-Type. */
function canonical(name) {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

async function send({ method, url, headers, body, timeoutMs }) {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // fetch resolves once the headers are in: close to k6's waiting (time to first byte), connecting included.
    const waitingMs = performance.now() - started;
    const text = await response.text();
    const answered = {};
    for (const [name, value] of response.headers) answered[canonical(name)] = value;
    return {
      status: response.status,
      headers: answered,
      body: text,
      durationMs: performance.now() - started,
      waitingMs,
    };
  } catch (error) {
    return {
      status: 0,
      headers: {},
      body: null,
      durationMs: performance.now() - started,
      waitingMs: 0,
      error: String(error),
    };
  }
}

parentPort.on('message', async ({ request, signal, port }) => {
  port.postMessage(await send(request));
  port.close();
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
