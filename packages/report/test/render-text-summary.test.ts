import { MetricStore, RunOutcome } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import { renderTextSummary } from '../src/index.js';
import { groupedRunSummary } from './report-fixtures.js';
import { counter, evaluate, rate, recordRun, runSummary, trend } from './run-summary-fixture.js';

const ESC = '\u001b';
const linesOf = (text: string) => text.split('\n');

describe('renderTextSummary (compact)', () => {
  const text = renderTextSummary(runSummary(recordRun()), { color: false });
  const lines = linesOf(text);

  it('starts with a header naming the preset, region, duration and scenarios', () => {
    expect(lines.slice(0, 7)).toEqual([
      '     preset: checkout-api',
      '     region: eu-west',
      '       tags: env=staging, region=eu-west',
      '   duration: 20s',
      '  scenarios: 2 scenarios, 10 max VUs',
      '             * api (constant-vus, 5 max VUs): 105 completed and 0 interrupted iterations',
      '             * browse (constant-arrival-rate, 5 max VUs): 10 completed and 1 interrupted iterations, 3 dropped',
    ]);
  });

  it('lists thresholds by metric key with ✓/✗ and the observed value', () => {
    const start = lines.indexOf('  █ THRESHOLDS');
    const end = lines.indexOf('  █ TOTAL RESULTS');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start, end)).toEqual([
      '  █ THRESHOLDS',
      '',
      '    checks',
      "    ✓ 'rate>0.9' rate=92.00%",
      '',
      '    http_req_connecting',
      "    ✓ 'p(95)<100' no data (allowed)",
      '',
      '    http_req_duration',
      "    ✓ 'p(95)<500' p(95)=209.02ms",
      "    ✓ 'avg<1000' avg=105.17ms",
      '',
      '    http_req_duration{name:login}',
      "    ✗ 'p(99)<50' p(99)=1s",
      '',
      '    http_req_duration{name:missing}',
      "    ✗ 'p(95)<500' no data",
      '',
      '    http_req_failed',
      "    ✗ 'rate<0.01' rate=4.35%",
      '',
    ]);
  });

  it('shows checks totals and each check, with the split of failing ones', () => {
    const start = lines.indexOf('  █ TOTAL RESULTS');
    expect(lines.slice(start + 2, start + 10)).toEqual([
      '    checks_total.......................: 125    6.25/s',
      '    checks_succeeded...................: 92.00% 115 out of 125',
      '    checks_failed......................: 8.00%  10 out of 125',
      '',
      '    ✗ status is 200',
      '      ↳  95% — ✓ 110 / ✗ 5',
      '    ✗ body ok',
      '      ↳  50% — ✓ 5 / ✗ 5',
    ]);
  });

  it('prints metric rows per type, with sub-metrics indented under their metric', () => {
    expect(lines).toContain(
      '    http_req_duration..................: avg=105.17ms min=1ms med=58.01ms max=1s p(90)=203ms p(95)=209.02ms p(99)=1s',
    );
    const parent = lines.findIndex((l) => l.startsWith('    http_req_duration...'));
    expect(lines[parent + 1]).toMatch(
      /^ {6}\{ expected_response:true \}\.+: avg=64\.5ms min=1ms med=55ms max=209ms /,
    );
    expect(lines[parent + 2]).toMatch(/^ {6}\{ name:login \}\.+: avg=95\.71ms /);
    expect(lines[parent + 3]).toBe('      { name:missing }.................: no data');
    expect(lines).toContain('    http_req_failed....................: 4.35%  5 out of 115');
    expect(lines).toContain('    http_reqs..........................: 115    5.75/s');
    expect(lines).toContain('    vus................................: 3      min=1        max=5');
    expect(lines).toContain('    data_received......................: 519 kB 26 kB/s');
    expect(lines).toContain('    data_sent..........................: 4.9 kB 245 B/s');
  });

  it('hides request phases in compact mode unless a threshold uses them', () => {
    expect(text).not.toContain('http_req_waiting');
    expect(lines).toContain('    http_req_connecting................: no data');
  });

  it('shows a hidden phase whose sub-metric has a threshold, with the sub-metric under it', () => {
    const store = recordRun();
    const withWaiting = linesOf(
      renderTextSummary(
        runSummary(store, { thresholds: [evaluate(store, 'http_req_waiting{name:login}', 'p(95)<100')] }),
        {
          color: false,
        },
      ),
    );
    const parent = withWaiting.findIndex((l) => l.startsWith('    http_req_waiting....'));
    expect(parent).toBeGreaterThan(0);
    expect(withWaiting[parent + 1]).toMatch(/^ {6}\{ name:login \}\.+: avg=76\.57ms /);
  });

  it('lines up every colon', () => {
    const columns = new Set(lines.filter((l) => /\.{3,}: /.test(l)).map((l) => l.indexOf('.: ') + 1));
    expect(columns).toEqual(new Set([39]));
  });

  it('is free of ANSI and other control codes, and of trailing spaces, without colour', () => {
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(lines.filter((l) => l !== l.trimEnd())).toEqual([]);
  });

  it('lists warnings, then ends with the verdict', () => {
    const warnings = lines.indexOf('  █ WARNINGS');
    expect(lines[warnings + 2]).toBe('    ! browser capture found no LCP on /checkout');
    expect(text.endsWith('\n')).toBe(true);
    expect(lines.at(-2)).toBe(
      '  ✗ thresholds crossed: http_req_duration{name:login}, http_req_duration{name:missing}, http_req_failed',
    );
  });

  it('has no scenario sections', () => {
    expect(text).not.toContain('█ SCENARIO');
  });
});

describe('renderTextSummary (full)', () => {
  const text = renderTextSummary(runSummary(recordRun()), { color: false, mode: 'full' });
  const lines = linesOf(text);

  it('shows the request phases', () => {
    expect(lines.some((l) => l.startsWith('    http_req_waiting.....'))).toBe(true);
  });

  it('adds a section per scenario with its iterations, checks and metrics', () => {
    const api = lines.indexOf('  █ SCENARIO: api');
    const browse = lines.indexOf('  █ SCENARIO: browse');
    expect(api).toBeGreaterThan(lines.indexOf('  █ TOTAL RESULTS'));
    expect(browse).toBeGreaterThan(api);
    expect(lines.slice(browse, browse + 7)).toEqual([
      '  █ SCENARIO: browse',
      '',
      '    executor: constant-arrival-rate, 5 max VUs',
      '    iterations: 10 completed, 1 interrupted, 3 dropped',
      '',
      '    ✓ status is 200',
      '',
    ]);
    const browseSection = lines.slice(browse);
    // Only the browse scenario's 10 requests, not the whole run's 115.
    expect(browseSection).toContain('    http_reqs..........................: 10     0.5/s');
    expect(browseSection).toContain('    data_received......................: 119 kB 6.0 kB/s');
    expect(browseSection.some((l) => l.startsWith('    vus.'))).toBe(false);
    const apiSection = lines.slice(api, browse);
    expect(apiSection).toContain('      ↳  95% — ✓ 100 / ✗ 5');
  });
});

describe('renderTextSummary metric groups', () => {
  it('titles groups CUSTOM, HTTP, EXECUTION, NETWORK, BROWSER, WEB_VITALS in that order', () => {
    const store = recordRun();
    store.define({ name: 'cart_items', type: 'trend', contains: 'default', description: '' });
    trend(store, 'cart_items', {}).add(3);
    trend(store, 'browser_web_vital_cls', { url: '/' }).add(0.05);
    trend(store, 'browser_web_vital_lcp', { url: '/' }).add(1234);
    counter(store, 'browser_data_received', { url: '/' }).add(2_500_000);
    rate(store, 'browser_http_req_failed', { url: '/' }).add(false);
    const lines = linesOf(renderTextSummary(runSummary(store, { thresholds: [] }), { color: false }));
    const titles = lines.filter((l) => /^ {4}[A-Z_]+$/.test(l)).map((l) => l.trim());
    expect(titles).toEqual(['CUSTOM', 'HTTP', 'EXECUTION', 'NETWORK', 'BROWSER', 'WEB_VITALS']);
    expect(lines).toContain(
      '    cart_items.........................: avg=3 min=3 med=3 max=3 p(90)=3 p(95)=3 p(99)=3',
    );
    expect(lines).toContain(
      '    browser_web_vital_cls..............: avg=0.05 min=0.05 med=0.05 max=0.05 p(90)=0.05 p(95)=0.05 p(99)=0.05',
    );
    expect(lines).toContain(
      '    browser_web_vital_lcp..............: avg=1.23s min=1.23s med=1.23s max=1.23s p(90)=1.23s p(95)=1.23s p(99)=1.23s',
    );
    expect(lines.find((l) => l.startsWith('    browser_data_received'))).toMatch(/: 2\.5 MB +125 kB\/s$/);
  });

  it('leaves out groups without metrics and shows the stats it is asked for', () => {
    const store = new MetricStore();
    for (let ms = 1; ms <= 10; ms++) trend(store, 'http_req_duration', { expected_response: 'true' }).add(ms);
    const lines = linesOf(
      renderTextSummary(runSummary(store, { thresholds: [], checks: [] }), {
        color: false,
        trendStats: ['count', 'p(99.9)'],
      }),
    );
    expect(lines.filter((l) => /^ {4}[A-Z_]+$/.test(l))).toEqual(['    HTTP']);
    expect(lines).toContain('    http_req_duration..................: count=10 p(99.9)=10ms');
    expect(lines.some((l) => l.includes('checks_total'))).toBe(false);
  });

  it('shows sub-metric rows of checks thresholds in the checks part', () => {
    const store = recordRun();
    const lines = linesOf(
      renderTextSummary(
        runSummary(store, { thresholds: [evaluate(store, 'checks{scenario:browse}', 'rate==1')] }),
        {
          color: false,
        },
      ),
    );
    const succeeded = lines.findIndex((l) => l.startsWith('    checks_succeeded'));
    expect(lines[succeeded + 2]).toBe('      { scenario:browse }..............: 100.00% 10 out of 10');
  });

  it('says so when nothing was recorded', () => {
    const text = renderTextSummary(runSummary(new MetricStore(), { thresholds: [], checks: [] }), {
      color: false,
    });
    expect(text).toContain('    no metrics were recorded');
  });
});

describe('renderTextSummary with groups', () => {
  const grouped = groupedRunSummary();

  it('lists the checks outside any group, then each group under a █ heading, an inner group indented', () => {
    const lines = linesOf(renderTextSummary(grouped, { color: false }));
    const first = lines.findIndex((l) => l.startsWith('    checks_failed')) + 2;
    expect(lines.slice(first, lines.indexOf('    CUSTOM'))).toEqual([
      '    ✗ status is 200',
      '      ↳  95% — ✓ 100 / ✗ 5',
      '',
      '    █ checkout',
      '      ✓ status is 200',
      '',
      '      █ pay',
      '        ✗ paid',
      '          ↳  66% — ✓ 2 / ✗ 1',
      '',
      '    █ browse',
      '      ✓ status is 200',
      '',
    ]);
    // quiet ran but has no check: a list of checks has nothing to say about it.
    expect(lines.some((l) => l.includes('quiet'))).toBe(false);
  });

  it('puts a bold heading on each group with colour, and says the same once the codes are stripped', () => {
    const text = renderTextSummary(grouped, { color: true });
    expect(text).toContain(`      ${ESC}[1m█ pay${ESC}[22m`);
    expect(text.replace(/\u001b\[\d+m/g, '')).toBe(renderTextSummary(grouped, { color: false }));
  });

  it("shows each group's own duration under group_duration in full mode", () => {
    const lines = linesOf(renderTextSummary(grouped, { color: false, mode: 'full' }));
    const whole = lines.findIndex((l) => l.startsWith('    group_duration...'));
    expect(lines.slice(whole + 1, whole + 5).map((l) => l.replace(/\.+:.*/, ''))).toEqual([
      '      { group:::browse }',
      '      { group:::checkout::pay }',
      '      { group:::checkout }',
      '      { group:::quiet }',
    ]);
    expect(lines[whole + 3]).toMatch(/: avg=120ms min=100ms /);
  });
});

describe('renderTextSummary verdicts', () => {
  const verdict = (overrides: Parameters<typeof runSummary>[1]) =>
    linesOf(renderTextSummary(runSummary(recordRun(), overrides), { color: false })).at(-2);

  it('passes', () => {
    expect(verdict({ outcome: RunOutcome.passed, exitCode: 0, thresholds: [] })).toBe('  ✓ passed');
  });

  it('names the threshold that aborted the run', () => {
    const store = recordRun();
    expect(
      verdict({
        outcome: RunOutcome.abortedByThreshold,
        exitCode: 99,
        thresholds: [
          evaluate(store, 'http_req_duration', 'p(95)<500'),
          evaluate(store, 'http_req_failed', 'rate<0.01', { abortOnFail: true }),
        ],
      }),
    ).toBe("  ✗ aborted by threshold http_req_failed 'rate<0.01'");
  });

  it('falls back to the abort reason when no threshold is marked abortOnFail', () => {
    expect(
      verdict({
        outcome: RunOutcome.abortedByThreshold,
        exitCode: 99,
        abortReason: 'checks rate>0.9',
        thresholds: [],
      }),
    ).toBe('  ✗ aborted by threshold: checks rate>0.9');
  });

  it('marks an interrupted run as partial, with the signal', () => {
    expect(verdict({ outcome: RunOutcome.interrupted, exitCode: 105, abortReason: 'SIGINT' })).toBe(
      '  ■ interrupted (SIGINT): partial results',
    );
  });
});

describe('renderTextSummary with colour', () => {
  const text = renderTextSummary(runSummary(recordRun()), { color: true });

  it('colours marks green and red and dims the dots', () => {
    expect(text).toContain(`${ESC}[32m✓${ESC}[39m 'p(95)<500'`);
    expect(text).toContain(`${ESC}[31m✗${ESC}[39m 'rate<0.01'`);
    expect(text).toMatch(new RegExp(`http_reqs${ESC}\\[2m\\.+${ESC}\\[22m: 115`));
  });

  it('says the same thing once the codes are stripped', () => {
    const plain = renderTextSummary(runSummary(recordRun()), { color: false });
    expect(text.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});
