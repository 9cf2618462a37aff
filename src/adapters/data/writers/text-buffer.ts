const encoder = new TextEncoder();
const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
/** Above this magnitude a cent is finer than a double's spacing: such numbers take the general path. */
const CENTS_LIMIT = 1e13;

/**
 * A growing byte buffer that text is encoded into directly, without building strings per row:
 * ASCII is copied byte by byte, numbers with at most two decimals (amounts in cents) are written
 * digit by digit, and everything else falls back to `String()` and `TextEncoder`. Writers fill
 * it with a chunk of rows, take the bytes, and reset it.
 *
 * @example
 * const text = new TextBuffer();
 * text.number(1234.5); text.byte(44); text.csvText('a,b'); // bytes of 1234.5,"a,b"
 */
export class TextBuffer {
  #bytes: Uint8Array;
  #length = 0;

  constructor(capacity = 1 << 22) {
    this.#bytes = new Uint8Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  /** The bytes written since the last reset (a view, valid until the next write). */
  view(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  reset(): void {
    this.#length = 0;
  }

  byte(value: number): void {
    if (this.#length >= this.#bytes.length) this.#grow(1);
    this.#bytes[this.#length++] = value;
  }

  /** Raw bytes, such as a pre-encoded category. */
  bytes(value: Uint8Array): void {
    const n = value.length;
    if (this.#length + n > this.#bytes.length) this.#grow(n);
    // A loop beats TypedArray.set for the few bytes of a category.
    const bytes = this.#bytes;
    let at = this.#length;
    for (let i = 0; i < n; i++) bytes[at++] = value[i]!;
    this.#length = at;
  }

  /** A string as UTF-8, verbatim. */
  text(value: string): void {
    const n = value.length;
    if (this.#length + n > this.#bytes.length) this.#grow(n);
    const bytes = this.#bytes;
    let at = this.#length;
    for (let i = 0; i < n; i++) {
      const code = value.charCodeAt(i);
      if (code > 127) {
        this.#length = at;
        this.bytes(encoder.encode(value.slice(i)));
        return;
      }
      bytes[at++] = code;
    }
    this.#length = at;
  }

  /** A string as one CSV field: quoted (inner quotes doubled) when it holds , " CR or LF; "" when empty. */
  csvText(value: string): void {
    const n = value.length;
    if (this.#length + n > this.#bytes.length) this.#grow(n);
    const bytes = this.#bytes;
    const start = this.#length;
    let at = start;
    // One pass copies plain ASCII; anything else rewinds to the general path.
    for (let i = 0; i < n; i++) {
      const code = value.charCodeAt(i);
      if (code > 127 || code === COMMA || code === QUOTE || code === CR || code === LF) {
        this.#length = start;
        if (/[",\r\n]/.test(value)) this.text(`"${value.replaceAll('"', '""')}"`);
        else this.text(value);
        return;
      }
      bytes[at++] = code;
    }
    if (n === 0) {
      bytes[at++] = QUOTE;
      bytes[at++] = QUOTE;
    }
    this.#length = at;
  }

  /** A finite number in its shortest exact decimal form (what `String(value)` gives). */
  number(value: number): void {
    const cents = Math.round(value * 100);
    if (cents / 100 !== value || value >= CENTS_LIMIT || value <= -CENTS_LIMIT) {
      this.text(String(value));
      return;
    }
    let magnitude = cents;
    if (magnitude < 0) {
      this.byte(MINUS);
      magnitude = -magnitude;
    }
    const whole = Math.floor(magnitude / 100);
    const fraction = magnitude - whole * 100;
    this.#digits(whole);
    if (fraction !== 0) {
      this.byte(DOT);
      this.byte(ZERO + Math.floor(fraction / 10));
      if (fraction % 10 !== 0) this.byte(ZERO + (fraction % 10));
    }
  }

  #digits(value: number): void {
    let count = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) count++;
    if (this.#length + count > this.#bytes.length) this.#grow(count);
    let at = this.#length + count;
    let rest = value;
    do {
      const next = Math.floor(rest / 10);
      this.#bytes[--at] = ZERO + (rest - next * 10);
      rest = next;
    } while (rest > 0);
    this.#length += count;
  }

  #grow(extra: number): void {
    const next = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + extra));
    next.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = next;
  }
}
