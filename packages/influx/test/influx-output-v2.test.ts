import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { MetricStore, type TrendSink } from '@fpt/metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { InfluxOutput, parseInfluxOutputSpec } from '../src/index.js';

interface Received {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly lines: string[];
}

/**
 * InfluxDB 1.6 has no /api/v2/write, so the v2 request shape is checked against this stand-in: a
 * loopback server that records each request and answers with the next status from `statuses`.
 */
async function fakeInfluxV2(statuses: { status: number; headers?: Record<string, string>; body?: string }[]) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const url = new URL(request.url ?? '/', 'http://x');
      received.push({
        method: request.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        lines: body
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      });
      const next = statuses.shift() ?? { status: 204 };
      response.writeHead(next.status, { 'Content-Type': 'application/json', ...next.headers });
      response.end(next.body ?? '');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function oneSnapshot() {
  const store = new MetricStore();
  const sink = store.sinkFor('http_req_duration', { name: 'GET /a b', status: '200' }) as TrendSink;
  for (const ms of [10, 20, 30]) sink.add(ms);
  return store.drainSnapshot();
}

describe('InfluxOutput over the v2 write API', () => {
  it('POSTs gzip line protocol to /api/v2/write with org, bucket, precision=ns and a Token header', async () => {
    const server = await fakeInfluxV2([]);
    const config = parseInfluxOutputSpec(`influxdb2=${server.url}?org=my org&bucket=perf`, {
      K6_INFLUXDB_TOKEN: 's3cr3t',
    });
    const output = new InfluxOutput(config, {
      testid: 'run-9',
      preset: 'smoke',
      region: 'eu-west',
      agent: 'a1',
    });
    output.write(oneSnapshot(), new Date(Date.UTC(2026, 0, 1, 0, 0, 1)));
    const stats = await output.close();

    expect(stats).toMatchObject({ written: 3, dropped: 0, failedRequests: 0 });
    expect(server.received).toHaveLength(1);
    const request = server.received[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api/v2/write');
    expect(Object.fromEntries(request.query)).toEqual({ org: 'my org', bucket: 'perf', precision: 'ns' });
    expect(request.headers.authorization).toBe('Token s3cr3t');
    expect(request.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(request.headers['content-encoding']).toBe('gzip');
    expect(request.lines).toHaveLength(3);
    const atNs = 1_767_225_601_000_000_000n;
    const values: number[] = [];
    for (const line of request.lines) {
      const match =
        /^http_req_duration,agent=a1,name=GET\\ \/a\\ b,preset=smoke,region=eu-west,status=200,testid=run-9 value=([\d.]+) (\d+)$/.exec(
          line,
        );
      expect(match, line).not.toBeNull();
      values.push(Number(match![1]));
      // Pseudo-samples sit inside the second that ended at the snapshot time.
      const ns = BigInt(match![2]!);
      expect(ns > atNs - 1_000_000_000n && ns <= atNs).toBe(true);
    }
    // HDR bucket upper edges: at most 0.1% above the recorded 10, 20 and 30 ms.
    expect(
      values
        .sort((a, b) => a - b)
        .map((v, i) => v / (10 * (i + 1)) - 1)
        .every((e) => e >= 0 && e < 0.001),
    ).toBe(true);
  });

  it('retries after 503 (honouring Retry-After up to the cap) and stops on 401', async () => {
    const server = await fakeInfluxV2([
      { status: 503, headers: { 'Retry-After': '0' }, body: '{"code":"unavailable","message":"too busy"}' },
      { status: 204 },
    ]);
    const config = parseInfluxOutputSpec(`influxdb2=${server.url}?org=o&bucket=b`, {
      FPT_INFLUXDB_TOKEN: 't',
    });
    const output = new InfluxOutput(config, { testid: 'r', preset: 'p' }, { retryBaseMs: 10, gzip: false });
    output.write(oneSnapshot(), new Date());
    const stats = await output.close();
    expect(stats).toMatchObject({ written: 3, dropped: 0, failedRequests: 1 });
    expect(stats.lastError).toBe('HTTP 503: too busy');
    expect(server.received).toHaveLength(2);

    const refusing = await fakeInfluxV2([
      { status: 401, body: '{"code":"unauthorized","message":"unauthorized access"}' },
    ]);
    const warnings: string[] = [];
    const refused = new InfluxOutput(
      parseInfluxOutputSpec(`influxdb2=${refusing.url}?org=o&bucket=b`, { FPT_INFLUXDB_TOKEN: 'wrong' }),
      { testid: 'r', preset: 'p' },
      { onWarning: (w) => warnings.push(w) },
    );
    refused.write(oneSnapshot(), new Date());
    expect(await refused.close()).toMatchObject({ written: 0, dropped: 3, failedRequests: 1 });
    expect(refusing.received).toHaveLength(1);
    expect(warnings.join('\n')).toContain('unauthorized access');
  });
});
