import { readFileSync } from 'node:fs';
import { type Baseline, GateInputError, parseBaseline } from '@fpt/gate';
import { parseSummaryJson, type SummaryData, SummaryInputError } from '@fpt/report';
import { fetchAgentText } from './fetch-agent-text.js';
import type { BaselineReference } from './resolve-baseline-reference.js';
import type { SummaryReference } from './resolve-summary-reference.js';

/** Reads and checks a run's summary JSON. Throws GateInputError (exit 104) with what is wrong. */
export async function readSummaryInput(reference: SummaryReference): Promise<SummaryData> {
  const text =
    reference.kind === 'file'
      ? readText(reference.path, 'pass the file written by `fpt run <preset> --summary-export <file>`')
      : await fetchAgentText(
          reference.agent,
          `/api/runs/${encodeURIComponent(reference.id)}/summary.json`,
          `run ${reference.id}`,
        );
  const source = reference.kind === 'file' ? reference.path : `run ${reference.id}`;
  try {
    return parseSummaryJson(text);
  } catch (error) {
    if (!(error instanceof SummaryInputError)) throw error;
    throw new GateInputError(`${source} is not usable: ${error.message}`, error.problems, error.hint, {
      cause: error,
    });
  }
}

/** Reads and checks a baseline file. Throws GateInputError (exit 104) with what is wrong. */
export async function readBaselineInput(reference: BaselineReference): Promise<Baseline> {
  const text =
    reference.kind === 'file'
      ? readText(reference.path, 'save a baseline with `fpt baseline save <summary.json> -o <file>`')
      : await fetchAgentText(
          reference.agent,
          `/api/baselines/${encodeURIComponent(reference.preset)}`,
          `the baseline of preset ${reference.preset}`,
        );
  const source = reference.kind === 'file' ? reference.path : `the agent's baseline of ${reference.preset}`;
  try {
    return parseBaseline(text);
  } catch (error) {
    if (!(error instanceof GateInputError)) throw error;
    throw new GateInputError(`${source} is not usable: ${error.message}`, error.problems, error.hint, {
      cause: error,
    });
  }
}

function readText(path: string, hint: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new GateInputError(`cannot read ${path}: ${(error as Error).message}`, [], hint, { cause: error });
  }
}
