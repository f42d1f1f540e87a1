import { describe, expect, it } from 'vitest';
import { escapeMeasurement, escapeTag, formatSeries, quoteStringField } from '../src/index.js';

describe('line-protocol escaping', () => {
  it('escapes commas, equals signs and spaces in tag keys and values', () => {
    expect(escapeTag('GET /api/items?a=1,b=2')).toBe('GET\\ /api/items?a\\=1\\,b\\=2');
    expect(escapeTag('plain')).toBe('plain');
  });

  it('escapes measurement names the same way', () => {
    expect(escapeMeasurement('my metric,x=1')).toBe('my\\ metric\\,x\\=1');
    expect(escapeMeasurement('http_req_duration')).toBe('http_req_duration');
  });

  it('keeps backslashes literal, except where InfluxDB 1.x would read them as an escape', () => {
    expect(escapeTag('C:\\temp')).toBe('C:\\temp');
    expect(escapeTag('ends with\\')).toBe('ends\\ with/');
    expect(escapeTag('a\\ b')).toBe('a/\\ b');
    expect(escapeTag('a\\\\,b')).toBe('a//\\,b');
  });

  it('turns newlines into spaces, since a newline ends the point', () => {
    expect(escapeTag('two\nlines\r\n')).toBe('two\\ lines\\ \\ ');
  });

  it('quotes string fields, escaping double quotes and backslashes', () => {
    expect(quoteStringField('he said "hi" \\o/')).toBe('"he said \\"hi\\" \\\\o/"');
    expect(quoteStringField('a,b=c d')).toBe('"a,b=c d"');
  });
});

describe('formatSeries', () => {
  const run = { testid: 'run-1', preset: 'checkout', region: 'eu-west', agent: 'a1' };

  it('adds the run tags to the sample tags, sorted by key', () => {
    const { key, extraFields } = formatSeries('http_reqs', { status: '200', name: 'GET /' }, run, []);
    expect(key).toBe(
      'http_reqs,agent=a1,name=GET\\ /,preset=checkout,region=eu-west,status=200,testid=run-1',
    );
    expect(extraFields).toBe('');
  });

  it('lets a sample tag win over a run tag of the same name, as k6 does', () => {
    const { key } = formatSeries('vus', { region: 'us-east' }, run, []);
    expect(key).toContain('region=us-east');
    expect(key).not.toContain('eu-west');
  });

  it('leaves out empty values and the reserved key time', () => {
    const { key } = formatSeries('checks', { group: '', time: 'x', check: 'ok' }, { testid: 't' }, []);
    expect(key).toBe('checks,check=ok,testid=t');
  });

  it('writes tagsAsFields as typed fields, falling back to strings as k6 does', () => {
    const { key, extraFields } = formatSeries(
      'http_req_duration',
      { vu: '12', iter: 'x', url: 'http://h/a b', ok: 'true', ratio: '0.5' },
      { testid: 't' },
      [
        { tag: 'vu', type: 'int' },
        { tag: 'iter', type: 'int' },
        { tag: 'url', type: 'string' },
        { tag: 'ok', type: 'bool' },
        { tag: 'ratio', type: 'float' },
      ],
    );
    expect(key).toBe('http_req_duration,testid=t');
    expect(extraFields).toBe(',vu=12i,iter="x",url="http://h/a b",ok=true,ratio=0.5');
  });
});
