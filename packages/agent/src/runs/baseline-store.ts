import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@fpt/engine';
import { type Baseline, buildBaseline, GateInputError, parseBaseline } from '@fpt/gate';
import type { SummaryData } from '@fpt/report';
import { AgentHttpError } from '../server/agent-http-error.js';

/**
 * The baselines an agent keeps: one per preset, in FPT_DATA_DIR/baselines/<preset>.json, in the same
 * `fpt-baseline` format `fpt baseline save` writes, so a file can move between an agent and a repository.
 */
export class BaselineStore {
  readonly #dir: string;

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'baselines');
    mkdirSync(this.#dir, { recursive: true });
  }

  /** The file a run of this preset is gated against, when there is one. */
  fileFor(preset: string): string | undefined {
    const file = join(this.#dir, `${preset}.json`);
    return existsSync(file) ? file : undefined;
  }

  get(preset: string): Baseline | undefined {
    const file = this.fileFor(preset);
    return file ? parseBaseline(readFileSync(file, 'utf8')) : undefined;
  }

  /** Makes a finished run the baseline of its preset; a run that cannot be one is a 422 saying why. */
  save(preset: string, summary: SummaryData, now: Date): { baseline: Baseline; warnings: readonly string[] } {
    try {
      const built = buildBaseline(summary, now);
      writeFileAtomic(join(this.#dir, `${preset}.json`), `${JSON.stringify(built.baseline, null, 2)}\n`);
      return built;
    } catch (error) {
      if (!(error instanceof GateInputError)) throw error;
      throw new AgentHttpError(422, `this run cannot be a baseline: ${error.message}`, error.hint);
    }
  }

  remove(preset: string): boolean {
    const file = this.fileFor(preset);
    if (file) rmSync(file);
    return file !== undefined;
  }
}
