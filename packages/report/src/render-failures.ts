import { epochMsFromIso, type FailureLog } from '@fpt/metrics';
import { formatCount } from '@fpt/readable';
import type { AnsiStyle } from './ansi-style.js';
import { CONTENT_INDENT } from './layout-summary-lines.js';

/** Reasons printed at the end of a run; the summary JSON and the report keep every one the log kept. */
const MAX_LINES = 10;

/**
 * Why requests failed, most frequent first: "✗ 120× login POST: connection refused (127.0.0.1:9) ·
 * error_code 1212 · first at 0:03". Empty when nothing failed.
 */
export function renderFailures(failures: FailureLog, startedAt: string, style: AnsiStyle): string[] {
  const entries = failures.entries();
  if (entries.length === 0 && failures.others === 0) return [];
  const startMs = epochMsFromIso(startedAt);
  const lines = entries.slice(0, MAX_LINES).map((entry) => {
    const seconds = Math.max(0, Math.round((entry.firstSeenMs - startMs) / 1000));
    const at = Number.isFinite(seconds)
      ? ` · first at ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
      : '';
    const detail = entry.errorCode === '' ? '' : ` · error_code ${entry.errorCode}`;
    return `${CONTENT_INDENT}${style.red('✗')} ${formatCount(entry.count)}× ${entry.name} ${entry.method}: ${entry.message}${style.dim(`${detail}${at}`)}`;
  });
  if (entries.length > MAX_LINES)
    lines.push(
      `${CONTENT_INDENT}${style.dim(`…and ${entries.length - MAX_LINES} more reasons in the summary JSON (fpt.errors) and the report`)}`,
    );
  if (failures.others > 0)
    lines.push(
      `${CONTENT_INDENT}${style.dim(`${formatCount(failures.others)} more failures counted without their reason (more distinct reasons than FPT keeps)`)}`,
    );
  return lines;
}
