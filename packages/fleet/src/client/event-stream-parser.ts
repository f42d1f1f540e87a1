/** One server-sent event: its name (`message` when the stream gave none) and its data lines joined. */
export interface ServerSentEvent {
  readonly event: string;
  readonly data: string;
}

/**
 * Cuts a text/event-stream into events as its chunks arrive (a chunk may end anywhere, even inside a line).
 * Keeps to what the agent's streams use: `event:` and `data:` fields, comment lines (keep-alives), LF or
 * CRLF; `id:` and `retry:` are read past.
 */
export class EventStreamParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];

  /** Characters held for an event not yet complete: a stream that never ends its lines must be cut off. */
  get pending(): number {
    return this.#buffer.length + this.#data.reduce((sum, line) => sum + line.length, 0);
  }

  push(chunk: string): ServerSentEvent[] {
    this.#buffer += chunk;
    const events: ServerSentEvent[] = [];
    let end = this.#buffer.indexOf('\n');
    while (end >= 0) {
      const line = this.#buffer.slice(0, end).replace(/\r$/, '');
      this.#buffer = this.#buffer.slice(end + 1);
      end = this.#buffer.indexOf('\n');
      if (line === '') {
        if (this.#data.length > 0)
          events.push({ event: this.#event || 'message', data: this.#data.join('\n') });
        this.#event = '';
        this.#data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') this.#event = value;
      else if (field === 'data') this.#data.push(value);
    }
    return events;
  }
}
