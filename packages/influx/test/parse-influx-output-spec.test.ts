import { describe, expect, it } from 'vitest';
import { InfluxConfigError, type InfluxOutputConfig, parseInfluxOutputSpec } from '../src/index.js';

function parseError(spec: string, env: Record<string, string> = {}): InfluxConfigError {
  try {
    parseInfluxOutputSpec(spec, env);
  } catch (error) {
    expect(error).toBeInstanceOf(InfluxConfigError);
    return error as InfluxConfigError;
  }
  throw new Error(`expected ${spec} to be refused`);
}

describe('parseInfluxOutputSpec: influxdb (v1)', () => {
  it("reads k6's URL form: host, database as the last path segment, defaults", () => {
    expect(parseInfluxOutputSpec('influxdb=http://127.0.0.1:8086/k6', {})).toEqual({
      kind: 'v1',
      url: 'http://127.0.0.1:8086',
      db: 'k6',
      pushIntervalMs: 1000,
      concurrentWrites: 4,
      maxBufferedPoints: 200_000,
      maxPointsPerSeries: 1000,
      tagsAsFields: [],
    } satisfies InfluxOutputConfig);
  });

  it('keeps a reverse-proxy path prefix, decodes credentials, reads URL parameters', () => {
    const config = parseInfluxOutputSpec(
      'influxdb=https://us%40r:p%3Ass@metrics.example.com/influx/perf%20db?retention=week&pushInterval=500ms&concurrentWrites=2&tagsAsFields=vu:int,url',
      {},
    );
    expect(config).toMatchObject({
      kind: 'v1',
      url: 'https://metrics.example.com/influx',
      db: 'perf db',
      retention: 'week',
      username: 'us@r',
      password: 'p:ss',
      pushIntervalMs: 500,
      concurrentWrites: 2,
      tagsAsFields: [
        { tag: 'vu', type: 'int' },
        { tag: 'url', type: 'string' },
      ],
    });
  });

  it('with no URL, takes address and database from the environment, FPT_ over K6_', () => {
    const config = parseInfluxOutputSpec('influxdb', {
      K6_INFLUXDB_ADDR: 'http://k6-host:8086',
      K6_INFLUXDB_DB: 'k6db',
      FPT_INFLUXDB_DB: 'fptdb',
      K6_INFLUXDB_PUSH_INTERVAL: '2s',
      FPT_INFLUXDB_CONCURRENT_WRITES: '8',
      K6_INFLUXDB_USERNAME: 'writer',
      K6_INFLUXDB_PASSWORD: 'secret',
    });
    expect(config).toMatchObject({
      url: 'http://k6-host:8086',
      db: 'fptdb',
      pushIntervalMs: 2000,
      concurrentWrites: 8,
      username: 'writer',
      password: 'secret',
    });
  });

  it('lets the URL win over the environment', () => {
    const config = parseInfluxOutputSpec('influxdb=http://127.0.0.1:8086/fromurl?pushInterval=3s', {
      FPT_INFLUXDB_ADDR: 'http://other:8086',
      FPT_INFLUXDB_DB: 'fromenv',
      FPT_INFLUXDB_PUSH_INTERVAL: '9s',
    });
    expect(config).toMatchObject({ url: 'http://127.0.0.1:8086', db: 'fromurl', pushIntervalMs: 3000 });
  });

  it('falls back to http://localhost:8086 and database k6, as k6 does', () => {
    expect(parseInfluxOutputSpec('influxdb', {})).toMatchObject({ url: 'http://localhost:8086', db: 'k6' });
    expect(parseInfluxOutputSpec('influxdb=http://127.0.0.1:8086', {})).toMatchObject({ db: 'k6' });
  });
});

describe('parseInfluxOutputSpec: influxdb2 (v2)', () => {
  it('takes org and bucket from the URL and the token from the environment', () => {
    expect(
      parseInfluxOutputSpec('influxdb2=http://127.0.0.1:8086?org=o&bucket=b', { K6_INFLUXDB_TOKEN: 'tok' }),
    ).toMatchObject({ kind: 'v2', url: 'http://127.0.0.1:8086', org: 'o', bucket: 'b', token: 'tok' });
  });

  it("accepts xk6-influxdb, k6's extension name, with every setting from the environment", () => {
    expect(
      parseInfluxOutputSpec('xk6-influxdb', {
        K6_INFLUXDB_ADDR: 'http://127.0.0.1:9999',
        K6_INFLUXDB_ORGANIZATION: 'k6org',
        FPT_INFLUXDB_ORGANIZATION: 'fptorg',
        K6_INFLUXDB_BUCKET: 'perf',
        FPT_INFLUXDB_TOKEN: 'fpt-token',
        K6_INFLUXDB_TOKEN: 'k6-token',
      }),
    ).toMatchObject({
      kind: 'v2',
      url: 'http://127.0.0.1:9999',
      org: 'fptorg',
      bucket: 'perf',
      token: 'fpt-token',
    });
  });

  it('says everything that is missing at once', () => {
    const error = parseError('influxdb2=http://127.0.0.1:8086');
    expect(error.code).toBe('ERR_INFLUX_CONFIG');
    expect(error.message).toContain('org');
    expect(error.message).toContain('bucket');
    expect(error.message).toContain('token');
    expect(error.hint).toContain('K6_INFLUXDB_TOKEN');
  });

  it('refuses a token in the URL, pointing at the environment variables', () => {
    const error = parseError('influxdb2=http://h:8086?org=o&bucket=b&token=t');
    expect(error.hint).toContain('FPT_INFLUXDB_TOKEN');
  });
});

describe('parseInfluxOutputSpec: bad input', () => {
  it.each([
    ['jsonl=out.json', 'not an InfluxDB output'],
    ['influxdb=not a url', 'is not a URL'],
    ['influxdb=udp://127.0.0.1:8089', 'udp:'],
    ['influxdb=http://h:8086/db?precision=ms', '"precision" is not supported'],
    ['influxdb=http://h:8086/db?colour=red', 'unknown URL parameter "colour"'],
    ['influxdb=http://h:8086/db?pushInterval=soon', 'not a usable push interval'],
    ['influxdb=http://h:8086/db?concurrentWrites=0', 'not a whole number'],
    ['influxdb=http://h:8086/db?tagsAsFields=vu:complex', 'not a tag to write as a field'],
    ['influxdb=http://h:8086/db?tagsAsFields=value', 'cannot become a field'],
  ])('%s → %s', (spec, message) => {
    const error = parseError(spec);
    expect(error.message).toContain(message);
    expect(error.hint.length).toBeGreaterThan(10);
  });

  it('names the environment variable that holds a bad value', () => {
    const error = parseError('influxdb=http://h:8086/db', { FPT_INFLUXDB_CONCURRENT_WRITES: 'many' });
    expect(error.message).toContain('FPT_INFLUXDB_CONCURRENT_WRITES');
  });
});
