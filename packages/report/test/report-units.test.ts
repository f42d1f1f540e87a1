import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../src/html/downsample-min-max.js';
import { escapeHtml, html, rawHtml } from '../src/html/html-template.js';
import { scriptJson } from '../src/html/script-json.js';
import { timelineSeries } from '../src/html/timeline-series.js';
import { escapeXml, escapeXmlAttribute } from '../src/junit/escape-xml.js';
import { describeError } from '../src/readable/describe-error.js';
import { describeThreshold } from '../src/readable/describe-threshold.js';
import { formatCompactCount, formatCount } from '../src/readable/format-count.js';
import { formatMs } from '../src/readable/format-ms.js';
import { formatShare } from '../src/readable/format-share.js';

describe('human formats', () => {
  it.each([
    [0, '0 ms'],
    [0.85, '0.85 ms'],
    [58, '58 ms'],
    [612.4, '612 ms'],
    [999.6, '1 s'],
    [1234, '1.23 s'],
    [61_234, '61.2 s'],
    [3_600_000, '3,600 s'],
  ])('%s ms reads %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });

  it.each([
    [0, '0 %'],
    [0.00004, '<0.01 %'],
    [0.0043, '0.43 %'],
    [0.0435, '4.35 %'],
    [0.5, '50.0 %'],
    [1, '100 %'],
    [19, '1,900 %'],
  ])('share %s reads %s', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });

  it('groups thousands and shortens counts for tiles', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCompactCount(9_999)).toBe('9,999');
    expect(formatCompactCount(12_345)).toBe('12.3k');
    expect(formatCompactCount(4_560_000)).toBe('4.56M');
  });

  it('names what a failed request ran into', () => {
    expect(describeError('503', '1503')).toBe('HTTP 503');
    expect(describeError('0', '1212')).toBe('connection refused (1212)');
    expect(describeError('0', '1050')).toBe('request timeout (1050)');
    expect(describeError('200', '')).toBe('unexpected HTTP 200');
  });
});

describe('describeThreshold', () => {
  const metrics = {
    http_req_duration: { type: 'trend', contains: 'time', values: {} },
    http_reqs: { type: 'counter', contains: 'default', values: {} },
  } as const;
  const outcome = (metric: string, expression: string, observed: number | undefined, ok: boolean) => ({
    metric,
    expression,
    ok,
    noData: observed === undefined,
    ...(observed === undefined ? {} : { observed }),
    abortOnFail: false,
    allowNoData: false,
  });

  it('says how a crossed threshold was crossed, in the unit of its metric', () => {
    const d = describeThreshold(outcome('http_req_duration{name:cart}', 'p(95)<500', 612, false), metrics);
    expect(d.sentence).toBe('p(95) 612 ms ≥ 500 ms on http_req_duration{name:cart}');
    expect(d.limitText).toBe('< 500 ms');
    expect(d.margin).toBeCloseTo(-0.224, 9);
  });

  it('reads a counter rate per second and a held lower bound', () => {
    const d = describeThreshold(outcome('http_reqs', 'rate>=5', 6.5, true), metrics);
    expect(d.sentence).toBe('rate 6.5/s ≥ 5/s on http_reqs');
    expect(d.margin).toBeCloseTo(0.3, 9);
  });

  it('keeps an expression it cannot parse as written', () => {
    const d = describeThreshold(outcome('http_req_duration', 'p95 < 500', 600, false), metrics);
    expect(d.limitText).toBe('p95 < 500');
    expect(d.sentence).toBe('p95 600 ms crosses p95 < 500 on http_req_duration');
  });
});

describe('downsampleMinMax', () => {
  it('leaves short series alone', () => {
    expect(downsampleMinMax([1, 2, 3], [[5, null, 7]], 10)).toEqual({
      x: [1, 2, 3],
      columns: [[5, null, 7]],
    });
  });

  it('keeps every bucket’s min and max of every column, in time order, within the cap', () => {
    const x = Array.from({ length: 10_000 }, (_, i) => i);
    const flat = x.map(() => 10);
    const spiky = x.map((i) => (i === 4321 ? 999 : i === 8765 ? -5 : 1));
    const gappy = x.map((i) => (i < 5000 ? null : i));
    const { x: outX, columns } = downsampleMinMax(x, [flat, spiky, gappy], 100);
    expect(outX.length).toBeLessThanOrEqual(100);
    expect(columns.every((c) => c.length === outX.length)).toBe(true);
    expect(new Set(columns[0])).toEqual(new Set([10]));
    expect(Math.max(...(columns[1] as number[]))).toBe(999);
    expect(Math.min(...(columns[1] as number[]))).toBe(-5);
    expect(columns[2]![0]).toBeNull();
    expect(columns[2]!.at(-1)).toBe(9999);
    expect([...outX].sort((a, b) => a - b)).toEqual(outX);
  });
});

describe('timelineSeries', () => {
  it('turns counts into rates and does not spike on a short last interval', () => {
    const series = timelineSeries([
      { tMs: 1000, vus: 2, requests: 10, failedRequests: 1, iterations: 5, droppedIterations: 0, p95Ms: 20 },
      { tMs: 2000, vus: 2, requests: 12, failedRequests: 0, iterations: 6, droppedIterations: 1 },
      { tMs: 2050, vus: 0, requests: 3, failedRequests: 0, iterations: 1, droppedIterations: 0 },
    ]);
    expect(series.tSec).toEqual([1, 2, 2.05]);
    expect(series.requestsPerSec).toEqual([10, 12, 3]);
    expect(series.errorRatePct).toEqual([10, 0, 0]);
    expect(series.p95Ms).toEqual([20, null, null]);
    expect(series.droppedPerSec).toEqual([0, 1, 0]);
  });
});

describe('escaping', () => {
  it('escapes every interpolation in html`` unless it is SafeHtml', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<td>${name}</td><td>${rawHtml('<b>ok</b>')}</td><td>${[1, '<', null, false]}</td>`.text).toBe(
      '<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td><td><b>ok</b></td><td>1&lt;</td>',
    );
    expect(escapeHtml(`'&`)).toBe('&#39;&amp;');
  });

  it('writes JSON a <script> block cannot be broken out of, which parses back the same', () => {
    const value = { name: '</script><script>alert(1)</script><!--', line: 'a\u2028b', amp: '&' };
    const text = scriptJson(value);
    expect(text).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('writes XML text without markup or forbidden characters', () => {
    expect(escapeXml('<a href="x">&\'</a>\u0000\ud800')).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;\ufffd\ufffd',
    );
    expect(escapeXmlAttribute('line\nnext\tcell')).toBe('line&#10;next&#9;cell');
    expect(escapeXml('😀')).toBe('😀');
  });
});
