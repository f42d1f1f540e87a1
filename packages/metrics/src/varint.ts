// Unsigned LEB128 with arithmetic instead of bit operators, so values up to 2^53 survive (bit operators
// in JavaScript truncate to 32 bits, and histogram counts can exceed that).

/** A growable byte buffer for varints. */
export class VarintWriter {
  #bytes = new Uint8Array(64);
  #length = 0;

  write(value: number): void {
    let rest = value;
    while (rest >= 128) {
      this.#push((rest % 128) + 128);
      rest = Math.floor(rest / 128);
    }
    this.#push(rest);
  }

  bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  #push(byte: number): void {
    if (this.#length === this.#bytes.length) {
      const grown = new Uint8Array(this.#bytes.length * 2);
      grown.set(this.#bytes);
      this.#bytes = grown;
    }
    this.#bytes[this.#length++] = byte;
  }
}

export class VarintReader {
  readonly #bytes: Uint8Array;
  #at = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get done(): boolean {
    return this.#at >= this.#bytes.length;
  }

  /** The next value, or undefined when the input is truncated or the value exceeds 2^53. */
  read(): number | undefined {
    let value = 0;
    let scale = 1;
    // 8 bytes of 7 bits is 56 bits, past the safe-integer range; anything longer is corrupt.
    for (let i = 0; i < 8; i++) {
      const byte = this.#bytes[this.#at++];
      if (byte === undefined) return undefined;
      value += (byte & 127) * scale;
      if (byte < 128) return Number.isSafeInteger(value) ? value : undefined;
      scale *= 128;
    }
    return undefined;
  }
}
