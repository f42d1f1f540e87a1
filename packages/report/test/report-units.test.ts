import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../src/html/downsample-min-max.js';
import { escapeHtml, html, rawHtml } from '../src/html/html-template.js';
import { scriptJson } from '../src/html/script-json.js';
import { timelineSeries } from '../src/html/timeline-series.js';
import { escapeXml, escapeXmlAttribute } from '../src/junit/escape-xml.js';

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
