import type { RunProgress } from '@fpt/engine';

/**
 * Live progress on stderr: one line redrawn in place on a TTY, plain periodic lines otherwise so that
 * CI logs stay readable.
 */
export class ProgressDisplay {
  readonly #write: (text: string) => void;
  readonly #tty: boolean;
  readonly #plainEveryMs: number;
  #lastPlainMs = Number.NEGATIVE_INFINITY;
  #drawn = false;

  readonly #browserOnly: boolean;
  readonly #columns: number | undefined;

  /**
   * `browserOnly`: every scenario is a browser journey, so the line shows iterations and LCP, not requests.
   * `columns`: the terminal's width; a redrawn line longer than it would wrap, and clearing the last row
   * would leave the rows above it behind, so it is cut to fit (plain lines in a log are whole).
   */
  constructor(
    write: (text: string) => void,
    options: { tty: boolean; plainEveryMs?: number; browserOnly?: boolean; columns?: number | undefined },
  ) {
    this.#write = write;
    this.#browserOnly = options.browserOnly ?? false;
    this.#columns = options.columns;
    this.#tty = options.tty;
    this.#plainEveryMs = options.plainEveryMs ?? 5000;
  }

  update(progress: RunProgress): void {
    this.show(formatProgressLine(progress, this.#browserOnly), progress.elapsedMs);
  }

  /** Shows a live line of the run at `elapsedMs` (a fleet run's merged second, say). */
  show(line: string, elapsedMs: number): void {
    if (this.#tty) {
      this.#write(`\r\u001b[2K${fitLine(line, this.#columns)}`);
      this.#drawn = true;
    } else if (elapsedMs - this.#lastPlainMs >= this.#plainEveryMs) {
      this.#lastPlainMs = elapsedMs;
      this.#write(`${line}\n`);
    }
  }

  /** Writes lines of their own (an agent's state) without tearing the live line; it comes back with the next one. */
  interrupt(text: string): void {
    this.finish();
    this.#write(text);
  }

  /** Clears the live line before the summary is printed. */
  finish(): void {
    if (this.#tty && this.#drawn) this.#write('\r\u001b[2K');
    this.#drawn = false;
  }
}

/** A line cut to a terminal's width, an ellipsis marking the cut; whole when the width is unknown. */
export function fitLine(line: string, columns: number | undefined): string {
  if (columns === undefined || columns < 2 || line.length < columns) return line;
  return `${line.slice(0, columns - 2)}…`;
}

export function formatProgressLine(progress: RunProgress, browserOnly = false): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  const point = progress.point;
  const rps = point.requests;
  const errorRate = progress.totalRequests === 0 ? 0 : progress.failedRequests / progress.totalRequests;
  const p95 = point.p95Ms === undefined ? '-' : `${point.p95Ms.toFixed(1)}ms`;
  const failing =
    progress.failingThresholds.length > 0
      ? `  ✗ ${progress.failingThresholds.length} threshold(s) failing`
      : '';
  const scenarios = Object.entries(progress.scenarioIterations);
  const perScenario =
    scenarios.length > 1 ? `  [${scenarios.map(([name, n]) => `${name} ${n}`).join(', ')}]` : '';
  // Past the planned length the run is winding down (graceful stop): say so rather than "17.0s/15.0s".
  const clock =
    progress.elapsedMs <= progress.plannedMs
      ? `running ${seconds(progress.elapsedMs)}/${seconds(progress.plannedMs)}`
      : `stopping ${seconds(progress.elapsedMs)} (planned ${seconds(progress.plannedMs)}, graceful stop up to ${seconds(progress.maxDurationMs)})`;
  const vus = `VUs ${progress.vus}/${progress.vusMax}`;
  const tail = `iterations ${progress.completedIterations}${perScenario}${failing}`;
  // A browser-only run sends no requests of its own: its pace is iterations, its figure the LCP p75.
  if (browserOnly) {
    const lcp = progress.lcpP75Ms === undefined ? '-' : `${Math.round(progress.lcpP75Ms)}ms`;
    return `${clock}  ${vus}  ${point.iterations} iterations/s  LCP p75 ${lcp}  ${tail}`;
  }
  const lcp = progress.lcpP75Ms === undefined ? '' : `  LCP p75 ${Math.round(progress.lcpP75Ms)}ms`;
  return `${clock}  ${vus}  ${rps} req/s  p95 ${p95}  errors ${(errorRate * 100).toFixed(2)}%${lcp}  ${tail}`;
}
