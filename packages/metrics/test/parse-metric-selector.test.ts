import { describe, expect, it } from 'vitest';
import { MetricSelectorError, parseMetricSelector } from '../src/index.js';

describe('parseMetricSelector', () => {
  it('parses a bare metric', () => {
    expect(parseMetricSelector('http_req_duration')).toEqual({
      metric: 'http_req_duration',
      filter: {},
      key: 'http_req_duration',
    });
  });

  it('parses sub-metric tag filters', () => {
    expect(parseMetricSelector('http_req_duration{name:login,region:eu}')).toEqual({
      metric: 'http_req_duration',
      filter: { name: 'login', region: 'eu' },
      key: 'http_req_duration{name:login,region:eu}',
    });
  });

  it('trims spaces and quotes around keys and values', () => {
    const selector = parseMetricSelector(`http_req_duration{ name : "login page" , 'status':'200' }`);
    expect(selector.filter).toEqual({ name: 'login page', status: '200' });
    expect(selector.key).toBe(`http_req_duration{name : "login page" , 'status':'200'}`);
  });

  it('splits each entry on the first colon only', () => {
    expect(parseMetricSelector('group_duration{group:::setup}').filter).toEqual({ group: '::setup' });
    expect(parseMetricSelector('http_req_duration{url:http://x:8080/a}').filter).toEqual({
      url: 'http://x:8080/a',
    });
  });

  it('allows an empty value and a trailing comma, like k6', () => {
    expect(parseMetricSelector('checks{check:,}').filter).toEqual({ check: '' });
  });

  it('keeps a tag named __proto__ as data', () => {
    const { filter } = parseMetricSelector('checks{__proto__:x}');
    expect(Object.keys(filter)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(filter)).toBe(Object.prototype);
  });

  const invalid: [string, RegExp, RegExp][] = [
    ['', /metric name is missing/, /metric\{tag:value/],
    ['{name:x}', /metric name is missing/, /letters, digits/],
    ['http-req{name:x}', /not a valid metric name/, /letters, digits/],
    ['http_req_duration{name:x', /must end with }/, /metric\{tag:value/],
    ['http_req_duration{name:x}x', /must end with }/, /metric\{tag:value/],
    ['http_req_duration}', /} without a {/, /metric\{tag:value/],
    ['http_req_duration{a:{b}}', /unbalanced or nested/, /metric\{tag:value/],
    ['http_req_duration{}', /empty/, /remove the braces/],
    ['http_req_duration{ , }', /empty/, /remove the braces/],
    ['http_req_duration{name}', /has no ':'/, /http_req_duration\{name:value\}/],
    ['http_req_duration{:x}', /no tag name/, /tag:value/],
    ['http_req_duration{"":x}', /no tag name/, /tag:value/],
    ['http_req_duration{a:1,a:2}', /appears twice/, /two thresholds/],
  ];

  it.each(invalid)('rejects %j', (selector, problem, hint) => {
    try {
      parseMetricSelector(selector);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MetricSelectorError);
      const e = error as MetricSelectorError;
      expect(e.code).toBe('ERR_METRIC_SELECTOR');
      expect(e.selector).toBe(selector);
      expect(e.message).toMatch(problem);
      expect(e.hint).toMatch(hint);
    }
  });
});
