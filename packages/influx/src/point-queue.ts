/**
 * Line-protocol points waiting to be sent, oldest first, holding at most `capacity`: adding past it drops
 * the oldest, because during an outage the newest data is the most useful when InfluxDB comes back.
 * Points are kept in the arrays they arrived in, so neither adding nor dropping copies points one by one.
 */
export class PointQueue {
  readonly capacity: number;
  readonly #chunks: string[][] = [];
  /** Points of #chunks[0] already taken or dropped. */
  #head = 0;
  #size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.#size;
  }

  /** Adds newer points; returns how many of the oldest were dropped to stay within capacity. */
  push(points: string[]): number {
    if (points.length === 0) return 0;
    this.#chunks.push(points);
    this.#size += points.length;
    return this.#trim();
  }

  /** Puts points back in front (a failed batch, still the oldest); returns how many were dropped. */
  unshift(points: string[]): number {
    if (points.length === 0) return 0;
    this.#compactHead();
    this.#chunks.unshift(points);
    this.#size += points.length;
    return this.#trim();
  }

  /** Removes and returns up to `max` of the oldest points. */
  take(max: number): string[] {
    const taken: string[] = [];
    while (taken.length < max && this.#chunks.length > 0) {
      const chunk = this.#chunks[0]!;
      const end = Math.min(chunk.length, this.#head + (max - taken.length));
      for (let i = this.#head; i < end; i++) taken.push(chunk[i]!);
      this.#advance(end - this.#head);
    }
    return taken;
  }

  /** Empties the queue; returns how many points were in it. */
  clear(): number {
    const size = this.#size;
    this.#chunks.length = 0;
    this.#head = 0;
    this.#size = 0;
    return size;
  }

  #trim(): number {
    let excess = this.#size - this.capacity;
    const dropped = Math.max(excess, 0);
    while (excess > 0) {
      const available = this.#chunks[0]!.length - this.#head;
      const n = Math.min(available, excess);
      this.#advance(n);
      excess -= n;
    }
    return dropped;
  }

  #advance(n: number): void {
    this.#head += n;
    this.#size -= n;
    if (this.#head >= this.#chunks[0]!.length) {
      this.#chunks.shift();
      this.#head = 0;
    }
  }

  #compactHead(): void {
    if (this.#head === 0 || this.#chunks.length === 0) return;
    this.#chunks[0] = this.#chunks[0]!.slice(this.#head);
    this.#head = 0;
  }
}
