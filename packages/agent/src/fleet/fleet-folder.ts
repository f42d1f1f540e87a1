import { join } from 'node:path';
import { isRunId } from '../runs/run-folder.js';

/** Where a fleet run's merged evidence lives: FPT_DATA_DIR/fleet/<id>/. Ids are checked before they become paths. */
export class FleetFolder {
  readonly dir: string;
  constructor(fleetDir: string, id: string) {
    if (!isRunId(id)) throw new Error(`not a fleet run id: ${id}`);
    this.dir = join(fleetDir, id);
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
  /** The merged series of every complete region. */
  get metrics(): string {
    return join(this.dir, 'metrics.json');
  }
}
