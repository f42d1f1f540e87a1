/** Messages shown once per distinct key, however many iterations hit them (a capture that never matches, say). */
export class RunWarnings {
  readonly #seen = new Set<string>();
  readonly #messages: string[] = [];
  readonly #onWarning: ((message: string) => void) | undefined;

  constructor(onWarning?: (message: string) => void) {
    this.#onWarning = onWarning;
  }

  once(key: string, message: () => string): void {
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    const text = message();
    this.#messages.push(text);
    this.#onWarning?.(text);
  }

  get messages(): readonly string[] {
    return this.#messages;
  }
}
