import { RunOutcome } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import {
  buildHtmlReport,
  buildJUnitXml,
  buildSummaryData,
  type FleetSummary,
  keyFigures,
  noFigures,
} from '../src/index.js';
import { recordRun, runSummary } from './run-summary-fixture.js';

const fleet: FleetSummary = {
  id: '20250101T100000Z-fleet-checkout-api-abcdef',
  coordinator: 'eu-west/eu-west-1',
  complete: false,
  missingRegions: ['us-east'],
  regions: [
    {
      region: 'eu-west',
      status: 'complete',
      reason: null,
      figures: { ...noFigures, requests: 120, p50Ms: 21, p95Ms: 48, lcpP75Ms: 1900 },
      thresholds: [],
      agents: [
        {
          peer: 'eu-west-1',
          agentId: 'eu-west-1',
          url: 'https://eu-west.fpt.example.com',
          segment: { index: 0, count: 1 },
          state: 'passed',
          reason: null,
          runId: '20250101T100000Z-checkout-api-a1b2c3',
          links: {
            run: 'https://eu-west.fpt.example.com/api/runs/20250101T100000Z-checkout-api-a1b2c3',
            summary:
              'https://eu-west.fpt.example.com/api/runs/20250101T100000Z-checkout-api-a1b2c3/summary.json',
            report:
              'https://eu-west.fpt.example.com/api/runs/20250101T100000Z-checkout-api-a1b2c3/report.html',
            junit: 'https://eu-west.fpt.example.com/api/runs/20250101T100000Z-checkout-api-a1b2c3/junit.xml',
            metrics:
              'https://eu-west.fpt.example.com/api/runs/20250101T100000Z-checkout-api-a1b2c3/metrics.json',
          },
          figures: null,
        },
      ],
    },
    {
      region: 'us-east',
      status: 'missing',
      reason: 'us-east-1: busy: a run of its own is in progress (r9)',
      figures: null,
      thresholds: [],
      agents: [
        {
          peer: 'us-east-1',
          agentId: null,
          url: 'https://us-east.fpt.example.com',
          segment: { index: 0, count: 1 },
          state: 'busy',
          reason: 'busy: a run of its own is in progress (r9)',
          runId: null,
          links: null,
          figures: null,
        },
      ],
    },
  ],
};

describe('the evidence of a fleet run', () => {
  const passedButIncomplete = buildSummaryData(
    runSummary(recordRun(), { outcome: RunOutcome.passed, exitCode: 97, thresholds: [] }),
    { fleet },
  );

  it('says INCOMPLETE rather than PASSED, names the missing region, and puts the regions side by side', () => {
    const page = buildHtmlReport(passedButIncomplete);
    expect(page).toContain('data-verdict="INCOMPLETE"');
    expect(page).toContain(
      'Region us-east is missing from the result: us-east-1: busy: a run of its own is in progress (r9).',
    );
    expect(page).toContain('id="fleet-regions-table"');
    expect(page).toContain(
      'href="https://eu-west.fpt.example.com/api/runs/20250101T100000Z-checkout-api-a1b2c3/report.html"',
    );
    expect(page).toMatch(/data-region="us-east"[\s\S]*✗ missing/);
    // A single run's report has no fleet table.
    expect(buildHtmlReport(buildSummaryData(runSummary(recordRun())))).not.toContain('fleet-regions-table');
  });

  it('gives JUnit one case per region, an error for the missing one', () => {
    const xml = buildJUnitXml(passedButIncomplete);
    expect(xml).toMatch(/<testsuite name="fpt.regions"[^>]*tests="2" failures="0" errors="1"/);
    expect(xml).toContain('<error type="region-missing" message="region us-east is missing: us-east-1: busy');
    expect(buildJUnitXml(buildSummaryData(runSummary(recordRun())))).not.toContain('fpt.regions');
  });

  it('reads the key figures of a run from its summary', () => {
    const figures = keyFigures(buildSummaryData(runSummary(recordRun())));
    expect(figures.requests).toBeGreaterThan(0);
    expect(figures.p95Ms).toBeGreaterThan(0);
    expect(figures.thresholdsFailed).toBeGreaterThan(0);
  });

  it('gives one peak-VU figure to the tile and the history: VUs running at once, not vus_max', () => {
    const data = buildSummaryData(runSummary(recordRun()));
    // The fixture's vus gauge peaks at 5, while vus_max (VUs initialised) is 10.
    expect(keyFigures(data).maxVus).toBe(5);
    expect(buildHtmlReport(data)).toMatch(/Peak VUs<\/div>\s*<div class="tile-value">5</);
    // A merge adds its parts' VUs second by second in the timeline; its gauge holds only the largest part's.
    const merged = runSummary(recordRun(), {
      timeline: [
        { tMs: 1000, vus: 8, requests: 1, failedRequests: 0, iterations: 1, droppedIterations: 0 },
        { tMs: 2000, vus: 9, requests: 1, failedRequests: 0, iterations: 1, droppedIterations: 0 },
      ],
    });
    expect(keyFigures(buildSummaryData(merged)).maxVus).toBe(9);
  });
});
