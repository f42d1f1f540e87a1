import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTarget, startDemoTarget } from '../src/index.js';
import { rawGet } from './http-helpers.js';

let target: DemoTarget;

beforeAll(async () => {
  target = await startDemoTarget();
});
afterAll(() => target.close());

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

type PartialRead = { status: number; receivedBytes: number; error: NodeJS.ErrnoException | undefined };

function readUntilCut(url: string): Promise<PartialRead> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let receivedBytes = 0;
      res.on('data', (chunk: Buffer) => {
        receivedBytes += chunk.length;
      });
      res.on('error', (error) => resolve({ status: res.statusCode ?? 0, receivedBytes, error }));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, receivedBytes, error: undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /fault/reset', () => {
  it('resets the connection: node:http sees ECONNRESET', async () => {
    await expect(rawGet(`${target.url}/fault/reset`)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('makes fetch reject instead of answering', async () => {
    const error = await fetch(`${target.url}/fault/reset`).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNRESET');
  });

  it('leaves the server serving other requests', async () => {
    expect((await fetch(`${target.url}/fast`)).status).toBe(200);
  });
});

describe('GET /fault/hang', () => {
  it('never answers; the client gives up on its own timeout', async () => {
    const startMs = performance.now();
    await expect(
      fetch(`${target.url}/fault/hang`, { signal: AbortSignal.timeout(150) }),
    ).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(performance.now() - startMs).toBeGreaterThanOrEqual(140);
    expect((await fetch(`${target.url}/fast`)).status).toBe(200);
  });

  it('does not keep close() from finishing', async () => {
    const own = await startDemoTarget();
    try {
      const hanging = fetch(`${own.url}/fault/hang`).then(
        () => 'answered',
        () => 'failed',
      );
      const slow = fetch(`${own.url}/delay?ms=60000`).then(
        () => 'answered',
        () => 'failed',
      );
      await waitFor(() => own.stats().byRoute['fault-hang'] === 1 && own.stats().byRoute.delay === 1);
      const startMs = performance.now();
      await own.close();
      expect(performance.now() - startMs).toBeLessThan(1000);
      expect(await hanging).toBe('failed');
      expect(await slow).toBe('failed');
    } finally {
      await own.close();
    }
  });
});

describe('GET /fault/malformed-json', () => {
  it('answers 200 JSON that does not parse', async () => {
    const res = await fetch(`${target.url}/fault/malformed-json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const text = await res.text();
    expect(text).toBe('{"items": [1, 2,');
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });
});

describe('GET /fault/partial', () => {
  it('declares 1000 bytes, sends 10, then cuts the connection', async () => {
    const read = await readUntilCut(`${target.url}/fault/partial`);
    expect(read.status).toBe(200);
    expect(read.receivedBytes).toBe(10);
    expect(read.error?.code).toBe('ECONNRESET');
  });

  it('makes fetch fail while reading the body', async () => {
    const res = await fetch(`${target.url}/fault/partial`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('1000');
    await expect(res.text()).rejects.toThrow();
  });
});

describe('GET /fault/slow-body', () => {
  it('sends headers at once and the body after ms', async () => {
    const timings = await new Promise<{ headersMs: number; bodyMs: number; body: string }>(
      (resolve, reject) => {
        const startMs = performance.now();
        const req = request(`${target.url}/fault/slow-body?ms=300`, { agent: false }, (res) => {
          const headersMs = performance.now() - startMs;
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () => resolve({ headersMs, bodyMs: performance.now() - startMs, body }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      },
    );
    expect(timings.headersMs).toBeLessThan(150);
    expect(timings.bodyMs).toBeGreaterThanOrEqual(300);
    expect(timings.body).toBe('{"ok":true}');
  });

  it('defaults to 500 ms and rejects bad values', async () => {
    const startMs = performance.now();
    const res = await fetch(`${target.url}/fault/slow-body`);
    expect(await res.json()).toEqual({ ok: true });
    expect(performance.now() - startMs).toBeGreaterThanOrEqual(500);
    const bad = await fetch(`${target.url}/fault/slow-body?ms=60001`);
    expect(bad.status).toBe(400);
    await bad.arrayBuffer();
  });
});
