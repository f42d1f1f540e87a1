import type { FptSummaryPart } from '@fpt/api-types';
import type { SeriesPoint } from '../lib/series-point.js';
import { WebVitalsTable } from './summary-tables.js';
import { WebVitalsChart } from './web-vitals-chart.js';

/**
 * A browser run's Web Vitals after its rated p75 tiles: over time, then per page, as the HTML report's
 * Web Vitals section has them. It leads the page for a browser run without requests of its own.
 */
export function WebVitalsSection({
  fpt,
  points,
  syncKey,
}: {
  readonly fpt: FptSummaryPart;
  readonly points: readonly SeriesPoint[];
  readonly syncKey: string;
}) {
  return (
    <section id="web-vitals" aria-label="Web Vitals">
      <h2>Web Vitals</h2>
      <div class="chart-grid">
        <WebVitalsChart points={points} syncKey={syncKey} />
      </div>
      <h3>Per page</h3>
      <p class="muted small">
        p75 per page, as Web Vitals are assessed. Good: LCP ≤ 2.5 s, CLS ≤ 0.1, INP ≤ 200 ms; poor: LCP &gt; 4
        s, CLS &gt; 0.25, INP &gt; 500 ms.
      </p>
      <div class="narrow-scroll">
        <WebVitalsTable fpt={fpt} />
      </div>
    </section>
  );
}
