import { randomUUID } from 'node:crypto';
import type { DataRow, Preset } from '@fpt/preset';

export interface IterationVariablesOptions {
  /** Scenario name, for {{__SCENARIO}}. */
  readonly scenario: string;
  readonly preset: Preset;
  readonly data: Readonly<Record<string, readonly DataRow[]>>;
  /** Constants, setup captures and scenario env, visible to every iteration. */
  readonly sharedVariables: ReadonlyMap<string, string>;
}

/**
 * The variables one iteration sees: shared ones, then data rows, then per-iteration built-ins. API and
 * browser scenarios build them the same way, so a preset's {{...}} mean the same thing in both.
 */
export class IterationVariables {
  readonly #options: IterationVariablesOptions;
  // Per-iteration data assignment walks each file in turn across all VUs of the scenario.
  readonly #perIterationRows = new Map<string, number>();

  constructor(options: IterationVariablesOptions) {
    this.#options = options;
  }

  for(vuId: number, iteration: number): Map<string, string> {
    const variables = new Map(this.#options.sharedVariables);
    for (const entry of this.#options.preset.data ?? []) {
      const rows = this.#options.data[entry.name];
      if (!rows || rows.length === 0) continue;
      let index: number;
      if (entry.assign === 'per-vu') index = (vuId - 1) % rows.length;
      else if (entry.assign === 'random') index = Math.floor(Math.random() * rows.length);
      else {
        index = this.#perIterationRows.get(entry.name) ?? 0;
        this.#perIterationRows.set(entry.name, (index + 1) % rows.length);
      }
      for (const [column, value] of Object.entries(rows[index]!)) {
        variables.set(`${entry.name}.${column}`, typeof value === 'string' ? value : JSON.stringify(value));
      }
    }
    variables.set('__VU', String(vuId));
    variables.set('__ITER', String(iteration));
    variables.set('__SCENARIO', this.#options.scenario);
    variables.set('$uuid', randomUUID());
    variables.set('$timestamp', String(Date.now()));
    return variables;
  }
}
