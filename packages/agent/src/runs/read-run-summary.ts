import { existsSync, readFileSync } from 'node:fs';
import { parseSummaryJson, type SummaryData, SummaryInputError } from '@fpt/report';

/** A run's summary JSON, or undefined when the run wrote none (or a damaged one: a crash mid-run). */
export function readRunSummary(file: string): SummaryData | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return parseSummaryJson(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof SummaryInputError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}
