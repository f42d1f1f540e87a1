/** What a run made, as far as the choice of its sections goes; both surfaces have these figures. */
export interface RunMakeup {
  /** http_reqs' count; null or undefined when the run has none recorded. */
  readonly requests: number | null | undefined;
  /** How many Web Vitals its pages reported (a figure or a row per vital). */
  readonly webVitals: number;
}

/**
 * A browser-only run: browser journeys whose pages reported Web Vitals, and no HTTP request of the run's
 * own. It is judged by those vitals, so every surface leads with them and leaves out the request tiles,
 * charts and tables, which could only say "no requests". A run with neither (stopped before its first
 * request) keeps them: each says why it is empty, which is the story of that run.
 */
export function isBrowserOnlyRun({ requests, webVitals }: RunMakeup): boolean {
  return webVitals > 0 && (requests ?? 0) === 0;
}

/** Said once, where a browser-only run's request figures would start, instead of each of them being empty. */
export const browserOnlyNote =
  'No HTTP request was made in this run: its pages are judged by their Web Vitals above.';
