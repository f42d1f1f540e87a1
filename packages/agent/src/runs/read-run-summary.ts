import { existsSync, readFileSync } from 'node:fs';
import { parseSummaryJson, type SummaryData, SummaryInputError } from '@fpt/report';

/**
 * A run's summary JSON, or undefined when the run wrote none, a damaged one (a crash mid-run) or one that
 * cannot be read (a folder, no permission): callers mark the run from what they have rather than fail.
 */
export function readRunSummary(file: string): SummaryData | undefined {
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return parseSummaryJson(text);
  } catch (error) {
    if (error instanceof SummaryInputError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}
