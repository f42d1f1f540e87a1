import { join } from 'node:path';
import { compactUtcTimestamp } from '@fpt/metrics';

/** Where a run's files live: FPT_DATA_DIR/runs/<id>/. Ids are checked before they become paths. */
export class RunFolder {
  readonly dir: string;
  constructor(runsDir: string, id: string) {
    if (!isRunId(id)) throw new Error(`not a run id: ${id}`);
    this.dir = join(runsDir, id);
  }
  get summary(): string {
    return join(this.dir, 'summary.json');
  }
  get report(): string {
    return join(this.dir, 'report.html');
  }
  get junit(): string {
    return join(this.dir, 'junit.xml');
  }
  get log(): string {
    return join(this.dir, 'run.log');
  }
  get gate(): string {
    return join(this.dir, 'gate.json');
  }
  get gateMarkdown(): string {
    return join(this.dir, 'gate.md');
  }
  /** Every series of the run (`fpt run --metrics-export`), for merging a fleet run exactly. */
  get metrics(): string {
    return join(this.dir, 'metrics.json');
  }
  get live(): string {
    return join(this.dir, 'live.ndjson');
  }
  get artifacts(): string {
    return join(this.dir, 'artifacts');
  }
}

const runIdPattern = /^[0-9]{8}T[0-9]{6}Z-[A-Za-z0-9_.-]{1,100}-[0-9a-f]{6}$/;

/** A run id: UTC start, preset and a random suffix. It sorts by time and cannot name another folder. */
export function isRunId(id: string): boolean {
  return runIdPattern.test(id);
}

export function newRunId(preset: string, at: Date, random: string): string {
  return `${compactUtcTimestamp(at)}-${preset}-${random}`;
}
