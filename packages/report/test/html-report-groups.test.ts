import { describe, expect, it } from 'vitest';
import { buildHtmlReport, buildSummaryData, type SummaryData } from '../src/index.js';
import { groupedRunSummary, richRunSummary } from './report-fixtures.js';

/** The markup of the element that has `id`, up to its closing tag (tables and sections do not nest here). */
function element(page: string, id: string, tag: string): string {
  const start = page.indexOf(`id="${id}"`);
  if (start === -1) throw new Error(`no #${id} in the page`);
  return page.slice(start, page.indexOf(`</${tag}>`, start));
}

/** What a reader sees in each cell of a row, tags stripped and entities decoded. */
function cells(row: string): string[] {
  return [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

function rowOf(table: string, attribute: string): string {
  const start = table.indexOf(attribute);
  if (start === -1) throw new Error(`no row with ${attribute}`);
  return table.slice(table.lastIndexOf('<tr', start), table.indexOf('</tr>', start));
}

const data: SummaryData = buildSummaryData(groupedRunSummary());
const page = buildHtmlReport(data);

describe('the HTML report of a run with custom metrics', () => {
  it('has a Custom metrics section after the checks, in the table of contents', () => {
    expect(page).toContain('<a href="#custom-metrics">Custom metrics</a>');
    const at = page.indexOf('id="custom-metrics"');
    expect(at).toBeGreaterThan(page.indexOf('id="checks"'));
    expect(at).toBeLessThan(page.indexOf('id="iterations"'));
  });

  it('lists each trend with its count and stats in ms, then its sub-metric', () => {
    const table = element(page, 'custom-trend-table', 'table');
    expect(cells(table.slice(0, table.indexOf('</thead>')))).toEqual([
      'metric',
      'count',
      'avg',
      'min',
      'med',
      'p(90)',
      'p(95)',
      'p(99)',
      'max',
      'thresholds',
    ]);
    expect(cells(rowOf(table, 'data-metric="checkout_time"'))).toEqual([
      'checkout_time',
      '3',
      '700 ms',
      '250 ms',
      '350 ms',
      '1.5 s',
      '1.5 s',
      '1.5 s',
      '1.5 s',
      '✗ p(95)<1000 failed',
    ]);
    const sub = rowOf(table, 'data-metric="checkout_time{name:pay}"');
    expect(sub).toContain('class="name sub"');
    // A sub-metric has no histogram of its own, so no count; its stats cover the pay samples only.
    expect(cells(sub).slice(0, 3)).toEqual(['checkout_time{name:pay}', '–', '300 ms']);
    expect(cells(sub).at(-1)).toBe('✓ max<400 passed');
  });

  it('shows a counter as count and rate, a rate as % with passes and fails, a gauge as value, min and max', () => {
    expect(
      cells(rowOf(element(page, 'custom-counter-table', 'table'), 'data-metric="orders_placed"')),
    ).toEqual(['orders_placed', '40', '2/s', '✓ count>=40 passed']);
    expect(cells(rowOf(element(page, 'custom-rate-table', 'table'), 'data-metric="cart_hit"'))).toEqual([
      'cart_hit',
      '75.0 %',
      '3',
      '1',
      'none',
    ]);
    expect(cells(rowOf(element(page, 'custom-gauge-table', 'table'), 'data-metric="queue_depth"'))).toEqual([
      'queue_depth',
      '4',
      '2',
      '7',
      'none',
    ]);
  });

  it('marks the row of a metric with a crossed threshold as failing, with the reason on hover', () => {
    const trend = element(page, 'custom-trend-table', 'table');
    expect(rowOf(trend, 'data-metric="checkout_time"')).toMatch(/^<tr class="failing" data-failing="true"/);
    expect(rowOf(trend, 'data-metric="checkout_time{name:pay}"')).toMatch(
      /^<tr class="" data-failing="false"/,
    );
    expect(trend).toContain('title="failed: p(95) 1.5 s ≥ 1 s on checkout_time"');
  });

  it('leaves built-in metrics out of it', () => {
    const section = element(page, 'custom-metrics', 'section');
    expect([...section.matchAll(/data-metric="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'checkout_time',
      'checkout_time{name:pay}',
      'orders_placed',
      'cart_hit',
      'queue_depth',
    ]);
  });

  it('has no such section for a run without custom metrics', () => {
    const plain = buildHtmlReport(buildSummaryData(richRunSummary()));
    expect(plain).not.toContain('id="custom-metrics"');
    expect(plain).not.toContain('#custom-metrics');
  });
});

describe('the HTML report of a run with groups', () => {
  const table = element(page, 'checks-table', 'table');
  const bodies = [...table.matchAll(/<tbody data-group="([^"]*)">([\s\S]*?)<\/tbody>/g)].map((m) => ({
    group: m[1]!,
    rows: [...m[2]!.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((r) => cells(r[0])),
  }));

  it('puts the checks outside any group first, then each group before the groups inside it', () => {
    expect(bodies.map((b) => b.group)).toEqual(['', '::checkout', '::checkout::pay', '::browse', '::quiet']);
    expect(bodies.map((b) => b.rows[0]![0])).toEqual([
      'outside any group',
      'checkout group duration p95 140 ms · avg 120 ms',
      'checkout › pay group duration p95 80 ms · avg 70 ms',
      'browse group duration p95 30 ms · avg 30 ms',
      'quiet group duration p95 5 ms · avg 5 ms',
    ]);
  });

  it('lists under each group its own checks with their request and scenario', () => {
    expect(bodies.map((b) => b.rows.slice(1).map((r) => r.slice(0, 4).join(' | ')))).toEqual([
      ['✗ failed | status is 200 | login | api'],
      ['✓ passed | status is 200 | cart | api'],
      ['✗ failed | paid | pay | api'],
      ['✓ passed | status is 200 | home | browse'],
      ['no checks in this group'],
    ]);
    expect(bodies[2]!.rows[1]!.slice(4)).toEqual(['66.7 %', '2', '1']);
  });

  it('indents an inner group', () => {
    expect(table).toContain('style="--depth:1"><span class="group-name">checkout › pay</span>');
    expect(table).toContain('style="--depth:0"><span class="group-name">checkout</span>');
  });

  it('keeps a run without groups to one flat table', () => {
    const plainPage = buildHtmlReport(buildSummaryData(richRunSummary()));
    const plain = element(plainPage, 'checks-table', 'table');
    expect(plainPage).toContain('<table class="data" id="checks-table">');
    expect(plain).not.toContain('group-head');
    expect(plain.match(/<tbody/g)).toHaveLength(1);
    expect(element(plainPage, 'checks', 'section')).not.toContain('group');
  });
});
