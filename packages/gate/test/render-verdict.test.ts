import { buildHtmlReport } from '@fpt/report';
import { describe, expect, it } from 'vitest';
import { readJUnit } from '../../../tools/test-support/read-junit.js';
import {
  buildBaseline,
  compareWithBaseline,
  GATE_VERDICT_FORMAT,
  type GateVerdict,
  renderVerdictJson,
  renderVerdictJUnit,
  renderVerdictMarkdown,
  renderVerdictText,
  resolveTolerances,
  toBaselineComparison,
} from '../src/index.js';
import { type RecordedRequests, summaryOf, times } from './summary-fixture.js';

// A request name with Markdown, XML and table syntax in it, as a user may well write.
const HOSTILE = 'a|b <c> & *d*';

const before: RecordedRequests[] = [
  { name: 'login', region: 'eu', durationsMs: times(100, 50) },
  { name: HOSTILE, region: 'eu', durationsMs: times(100, 120) },
  { name: 'gone', region: 'us', durationsMs: times(20, 10) },
];
const after: RecordedRequests[] = [
  { name: 'login', region: 'eu', durationsMs: times(100, 50), failed: 4 },
  { name: HOSTILE, region: 'eu', durationsMs: times(100, 30) },
  { name: 'new', region: 'eu', durationsMs: times(20, 10) },
];

const { baseline } = buildBaseline(summaryOf(before, { runId: 'base-1' }), new Date('2025-01-02T08:00:00Z'));
const data = summaryOf(after, { runId: 'run-2', identity: 'f'.repeat(64) });
const verdict = compareWithBaseline(data, baseline, resolveTolerances(data, { minAbsoluteMs: 3 }));
const passing = compareWithBaseline(summaryOf(before), baseline, resolveTolerances(summaryOf(before)));

describe('the verdict being rendered', () => {
  it('has a regression, an improvement, an added and removed request and region', () => {
    expect(verdict.status).toBe('regression');
    expect(verdict.counts).toEqual({ regressions: 3, improvements: 1, added: 1, removed: 2 });
  });
});

describe('renderVerdictText', () => {
  const text = renderVerdictText(verdict);
  const lines = text.split('\n');

  it('starts with the headline, the baseline and the tolerances', () => {
    expect(lines.slice(0, 3)).toEqual([
      'baseline gate (checkout): REGRESSION: 3 regressions, 1 improvement, 1 added, 2 removed',
      '  baseline:   run base-1 of 2025-01-01T10:00:00.000Z (saved 2025-01-02T08:00:00.000Z)',
      '  tolerances: p95 +10 % (floor 3 ms [option]), error rate +1 pp',
    ]);
  });

  it('has an aligned table with one line per row', () => {
    const table = lines.filter((l) => /^ {2}(scope|overall|request|region) /.test(l));
    expect(table).toHaveLength(1 + 1 + 4 + 2);
    const verdictColumn = table[0]!.indexOf('verdict');
    for (const line of table.slice(1)) expect(line.length).toBeGreaterThan(verdictColumn);
    expect(table.find((l) => l.includes('request  login'))).toMatch(/\+4 pp\s+REGRESSION$/);
    expect(table.find((l) => l.includes(HOSTILE))).toMatch(/-75 % \(-90 ms\).*improvement$/);
    expect(table.find((l) => l.includes('request  new'))).toMatch(/added \(not judged\)$/);
    expect(table.find((l) => l.includes('region   us'))).toMatch(/removed \(not judged\)$/);
  });

  it('says what failed and what may mislead', () => {
    expect(text).toContain(
      '  ✗ request login: error rate 0 % → 4.00 % (+4 pp): more than the 1 pp allowed\n',
    );
    expect(text).toContain(
      '  ⚠ the target URL or the scenarios (load profile, requests) differ from the baseline run',
    );
  });

  it('is short and positive for a pass', () => {
    expect(renderVerdictText(passing).split('\n')[0]).toBe(
      'baseline gate (checkout): PASS: 0 regressions, 0 improvements',
    );
    expect(renderVerdictText(passing)).not.toContain('✗');
  });
});

describe('renderVerdictJson', () => {
  it('is the verdict itself, readable back', () => {
    const parsed = JSON.parse(renderVerdictJson(verdict)) as GateVerdict;
    expect(parsed.format).toBe(GATE_VERDICT_FORMAT);
    expect(parsed.version).toBe(1);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(verdict)));
    expect(parsed.requests.find((r) => r.name === 'login')?.failures).toHaveLength(1);
  });
});

describe('renderVerdictMarkdown', () => {
  const markdown = renderVerdictMarkdown(verdict);
  const tableLines = markdown.split('\n').filter((l) => l.startsWith('|'));

  it('has a headline for the job summary and a bullet per failure and warning', () => {
    expect(markdown.startsWith('### ❌ FPT baseline gate: REGRESSION: 3 regressions')).toBe(true);
    expect(markdown).toContain(
      '- ❌ **request login**: error rate 0 % → 4.00 % (+4 pp): more than the 1 pp allowed',
    );
    expect(markdown).toContain('- ⚠️ the target URL or the scenarios');
    expect(renderVerdictMarkdown(passing).startsWith('### ✅ FPT baseline gate: PASS')).toBe(true);
  });

  it('has a table whose rows all have the header’s column count, user text escaped', () => {
    // Unescaped pipes split a cell; count only the ones that are not escaped.
    const columns = (line: string) => line.split(/(?<!\\)\|/).length;
    expect(tableLines).toHaveLength(2 + 7);
    for (const line of tableLines) expect(columns(line)).toBe(columns(tableLines[0]!));
    expect(markdown).toContain('a\\|b \\<c\\> & \\*d\\*');
    expect(markdown).not.toContain('<c>');
  });
});

describe('renderVerdictJUnit', () => {
  it('is read by a JUnit parser, fits the schema, and its counts add up', async () => {
    const junit = await readJUnit(renderVerdictJUnit(verdict));
    expect(junit.name).toBe('fpt gate checkout');
    expect(junit.tests).toBe(7);
    expect(junit.failures).toBe(3);
    const [suite] = junit.testsuite;
    expect(suite!.name).toBe('fpt.gate');
    expect(suite!.skipped).toBe(3);
    expect(suite!.properties).toContainEqual({ name: 'status', value: 'regression' });
  });

  it('fails the regressed rows with their reasons, skips added and removed ones, passes the rest', async () => {
    const cases = (await readJUnit(renderVerdictJUnit(verdict))).testsuite[0]!.testcase!;
    const byName = (name: string) => cases.find((c) => c.name === name)!;
    expect(byName('request login').failure?.[0]).toMatchObject({
      type: 'regression',
      message: 'error rate 0 % → 4.00 % (+4 pp): more than the 1 pp allowed',
    });
    expect(byName('request login').classname).toBe('fpt.gate.request');
    expect(byName(`request ${HOSTILE}`).failure).toBeUndefined();
    expect(byName('request new').skipped?.[0]?.message).toMatch(/^new request/);
    expect(byName('region us').skipped?.[0]?.message).toMatch(/^the baseline has this region/);
    expect(byName('all requests')['system-out']?.[0]).toContain('p95 ');
  });

  it('would be refused by the same check if a case lost its classname or a count were off', async () => {
    const xml = renderVerdictJUnit(verdict);
    await expect(readJUnit(xml.replaceAll('classname=', 'class='))).rejects.toThrow(/breaks the schema/);
    await expect(readJUnit(xml.replace('tests="7"', 'tests="6"'))).rejects.toThrow(/do not add up/);
  });

  it('has no failure at all for a pass', async () => {
    expect((await readJUnit(renderVerdictJUnit(passing))).failures).toBe(0);
  });
});

describe('toBaselineComparison', () => {
  const comparison = toBaselineComparison(verdict, baseline);

  it('gives the report the verdict, the judged key numbers and every request and region row', () => {
    expect(comparison.verdict).toBe('regression');
    expect(comparison.label).toBe('run base-1 (2025-01-01T10:00:00.000Z)');
    expect(comparison.summary).toMatch(/^3 regressions, 1 improvement, 1 added, 2 removed; /);
    expect(comparison.metrics.map((m) => [m.key, m.verdict])).toEqual([
      ['http_req_duration:p(50)', 'unchanged'],
      // Overall p95 fell from 120 ms to 50 ms while the error rate rose.
      ['http_req_duration:p(95)', 'improvement'],
      ['http_req_duration:p(99)', 'unchanged'],
      ['http_req_failed:rate', 'regression'],
      ['http_reqs:rate', 'unchanged'],
    ]);
    expect(comparison.requests?.map((r) => [r.name, r.verdict])).toEqual([
      [HOSTILE, 'improvement'],
      ['login', 'regression'],
      ['gone', 'removed'],
      ['new', 'added'],
    ]);
    expect(comparison.regions?.map((r) => [r.name, r.verdict])).toEqual([
      ['eu', 'regression'],
      ['us', 'removed'],
    ]);
    expect(comparison.timeline).toEqual(baseline.timeline);
  });

  it('is drawn by the HTML report', () => {
    const html = buildHtmlReport(data, { baseline: comparison });
    expect(html).toContain('id="baseline"');
    expect(html).toContain('id="baseline-regions-table"');
    expect(html).toContain('a|b &lt;c&gt; &amp; *d*');
  });
});
