import { readFileSync } from 'node:fs';
import { type Baseline, GateInputError, parseBaseline } from '@fpt/gate';
import { parseSummaryJson, type SummaryData, SummaryInputError } from '@fpt/report';
import type { BaselineReference } from './resolve-baseline-reference.js';
import type { SummaryReference } from './resolve-summary-reference.js';

/** Reads and checks a run's summary JSON. Throws GateInputError (exit 104) with what is wrong. */
export function readSummaryInput(reference: SummaryReference): SummaryData {
  const text = readText(
    reference.path,
    'pass the file written by `fpt run <preset> --summary-export <file>`',
  );
  try {
    return parseSummaryJson(text);
  } catch (error) {
    if (!(error instanceof SummaryInputError)) throw error;
    throw new GateInputError(
      `${reference.path} is not usable: ${error.message}`,
      error.problems,
      error.hint,
      {
        cause: error,
      },
    );
  }
}

/** Reads and checks a baseline file. Throws GateInputError (exit 104) with what is wrong. */
export function readBaselineInput(reference: BaselineReference): Baseline {
  const text = readText(reference.path, 'save a baseline with `fpt baseline save <summary.json> -o <file>`');
  try {
    return parseBaseline(text);
  } catch (error) {
    if (!(error instanceof GateInputError)) throw error;
    throw new GateInputError(
      `${reference.path} is not usable: ${error.message}`,
      error.problems,
      error.hint,
      {
        cause: error,
      },
    );
  }
}

function readText(path: string, hint: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new GateInputError(`cannot read ${path}: ${(error as Error).message}`, [], hint, { cause: error });
  }
}
