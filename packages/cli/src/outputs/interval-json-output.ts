import { decodeSink, type MetricsSnapshot } from '@fpt/metrics';
import { OutputFile } from './output-file.js';

/**
 * `--out json-intervals=<file>`: one JSON object per line, per metric series per interval (not per request,
 * as k6's `--out json` is: this file grows with the test's length, not its request count). Documented in
 * docs/outputs.md.
 *   {"type":"Point","metric":"http_req_duration","time":"…","tags":{…},"values":{"count":…,"avg":…,"p(95)":…}}
 */
export class IntervalJsonOutput {
  readonly #file: OutputFile;
  readonly #described = new Set<string>();

  constructor(path: string) {
    this.#file = new OutputFile(path);
  }

  write(delta: MetricsSnapshot, at: Date): void {
    const time = at.toISOString();
    for (const definition of delta.definitions) {
      if (this.#described.has(definition.name)) continue;
      this.#described.add(definition.name);
      this.#file.write(`${JSON.stringify({ type: 'Metric', metric: definition.name, data: definition })}\n`);
    }
    for (const series of delta.series) {
      const sink = decodeSink(series.sink);
      const tags = delta.tagSets[series.tagSet] ?? {};
      let values: Record<string, number>;
      switch (sink.type) {
        case 'counter':
          values = { count: sink.count };
          break;
        case 'gauge':
          values = { value: sink.value, min: sink.min, max: sink.max };
          break;
        case 'rate':
          values = { rate: sink.rate ?? 0, passes: sink.passes, fails: sink.fails };
          break;
        case 'trend':
          values = {
            count: sink.count,
            avg: sink.avg,
            min: sink.min,
            max: sink.max,
            'p(50)': sink.percentile(50),
            'p(90)': sink.percentile(90),
            'p(95)': sink.percentile(95),
            'p(99)': sink.percentile(99),
          };
          break;
      }
      this.#file.write(`${JSON.stringify({ type: 'Point', metric: series.metric, time, tags, values })}\n`);
    }
    // Once per interval, so that a file followed while the run goes is at most an interval behind.
    this.#file.flush();
  }

  /** Why the file is incomplete, if it is. */
  close(): Promise<string | undefined> {
    return this.#file.close();
  }
}
