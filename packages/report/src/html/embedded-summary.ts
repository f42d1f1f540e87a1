import { formatCount } from '@fpt/readable';
import type { SummaryData } from '../summary-data.js';
import { scriptJson } from './script-json.js';

/** Above this the summary is trimmed before embedding, so a very long run still gives a report of a few MB. */
const BUDGET_CHARS = 1_500_000;
const KEPT_REQUESTS = 500;

export interface EmbeddedSummary {
  /** Script-safe JSON for `<script type="application/json" id="fpt-summary">`. */
  readonly json: string;
  /** What a reader should know about it, for the config section. */
  readonly note: string;
  /** Set when parts were left out: which, so tools reading the page can tell. */
  readonly trimmed?: string;
}

/**
 * The summary the report was built from, embedded so nobody has to scrape tables. A typical run fits
 * whole; a very long or very wide one drops its per-second timeline (the charts keep a downsampled
 * copy) and keeps the busiest request rows, and says so. The summary JSON file itself is never trimmed.
 */
export function embeddedSummary(data: SummaryData): EmbeddedSummary {
  const whole = scriptJson(data);
  if (whole.length <= BUDGET_CHARS) {
    return {
      json: whole,
      note: 'The complete summary JSON is embedded in this page (script#fpt-summary); “Save summary JSON” writes it out.',
    };
  }
  const left: string[] = [];
  if (data.fpt.timeline.length > 0)
    left.push(`fpt.timeline (${formatCount(data.fpt.timeline.length)} points)`);
  if (data.fpt.requests.length > KEPT_REQUESTS)
    left.push(
      `fpt.requests beyond the ${KEPT_REQUESTS} busiest (${formatCount(data.fpt.requests.length - KEPT_REQUESTS)} rows)`,
    );
  const smaller: SummaryData = {
    ...data,
    fpt: { ...data.fpt, timeline: [], requests: data.fpt.requests.slice(0, KEPT_REQUESTS) },
  };
  const trimmed = left.join('; ');
  return {
    json: scriptJson(smaller),
    note: `The summary JSON is embedded without ${trimmed} to keep this page small; the summary file written by the run has everything.`,
    trimmed,
  };
}
