/** What to do with a batch after InfluxDB answered. */
export type WriteOutcome =
  | { readonly kind: 'ok' }
  /** Worth sending again later: the server is down, overloaded or (v1) the database is not there yet. */
  | { readonly kind: 'retry'; readonly reason: string; readonly databaseMissing: boolean }
  /**
   * Sending again cannot help (bad request, auth, too large). `droppedPoints` is set when InfluxDB says
   * how many points of a partial write it refused; the others were stored.
   */
  | { readonly kind: 'reject'; readonly reason: string; readonly droppedPoints?: number };

const MAX_REASON_CHARS = 300;

/**
 * Reads a write response. Status codes and bodies as InfluxDB 1.6 and 2.x send them: 204 on success;
 * v1 `{"error": "…"}`, v2 `{"code": "…", "message": "…"}`; 404 "database not found" on v1; 429/503 when
 * overloaded; 400 "partial write: … dropped=N" when some points were refused and the rest stored.
 */
export function classifyWriteResponse(status: number, body: string): WriteOutcome {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  const message = errorMessage(body);
  const reason = `HTTP ${status}${message ? `: ${message}` : ''}`;
  const databaseMissing = status === 404 && /database not found/i.test(message);
  if (databaseMissing || status === 408 || status === 429 || status >= 500) {
    return { kind: 'retry', reason, databaseMissing };
  }
  const partial = /partial write/i.test(message) && !/unable to parse/i.test(message);
  const dropped = partial ? /dropped=(\d+)/.exec(message) : null;
  return dropped ? { kind: 'reject', reason, droppedPoints: Number(dropped[1]) } : { kind: 'reject', reason };
}

function errorMessage(body: string): string {
  let text = body.trim();
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
    if (typeof parsed.error === 'string') text = parsed.error;
    else if (typeof parsed.message === 'string') text = parsed.message;
  } catch {
    // Not JSON (a proxy's HTML page, say): the raw text, shortened, is still the best clue.
  }
  return text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)}…` : text;
}
