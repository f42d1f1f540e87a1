import { describe, expect, it } from 'vitest';
import {
  browserOnlyNote,
  formatNines,
  formatWebVital,
  isBrowserOnlyRun,
  webVitalRating,
  webVitalRatingLook,
} from '../src/index.js';

describe('Web Vitals in words', () => {
  it("rates a value with web.dev's limits: at most the first is good, above the second is poor", () => {
    expect(webVitalRating('lcp', 2500)).toBe('good');
    expect(webVitalRating('lcp', 2501)).toBe('needs-improvement');
    expect(webVitalRating('lcp', 4001)).toBe('poor');
    expect(webVitalRating('cls', 0.25)).toBe('needs-improvement');
    expect(webVitalRating('inp', 501)).toBe('poor');
  });

  it('says a rating with an icon and a word, never colour alone, and a value in its unit', () => {
    expect(Object.values(webVitalRatingLook).map((look) => `${look.icon} ${look.word}`)).toEqual([
      '✓ good',
      '▲ needs improvement',
      '✗ poor',
    ]);
    expect(formatWebVital('lcp', 2345.6)).toBe('2.35 s');
    expect(formatWebVital('cls', 0.1234)).toBe('0.123');
  });
});

describe('formatNines', () => {
  it('names the percentile of a point of the latency curve as the HTML report labels its axis', () => {
    expect([0, 1, 2, 3, 4].map(formatNines)).toEqual(['0 %', '90 %', '99 %', '99.9 %', '99.99 %']);
    expect(formatNines(0.5)).toBe('68 %');
    expect(formatNines(2.3)).toBe('99.5 %');
  });
});

describe('isBrowserOnlyRun', () => {
  it('is a run whose pages reported Web Vitals and which made no HTTP request, counted 0 or not at all', () => {
    expect(isBrowserOnlyRun({ requests: 0, webVitals: 3 })).toBe(true);
    expect(isBrowserOnlyRun({ requests: null, webVitals: 1 })).toBe(true);
    expect(isBrowserOnlyRun({ requests: undefined, webVitals: 2 })).toBe(true);
  });

  it('is not a mixed run, an API run, or a run that made nothing at all', () => {
    expect(isBrowserOnlyRun({ requests: 1, webVitals: 3 })).toBe(false);
    expect(isBrowserOnlyRun({ requests: 120, webVitals: 0 })).toBe(false);
    expect(isBrowserOnlyRun({ requests: 0, webVitals: 0 })).toBe(false);
    expect(isBrowserOnlyRun({ requests: null, webVitals: 0 })).toBe(false);
  });

  it('has one sentence for where the request figures would have been', () => {
    expect(browserOnlyNote).toBe(
      'No HTTP request was made in this run: its pages are judged by their Web Vitals above.',
    );
  });
});
