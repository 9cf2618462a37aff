import type { RawColumn } from '../../../core/dataset/index.js';
import { parseNumericText } from '../../../core/dataset/index.js';
import { parseDecimalBytes } from './parse-decimal-bytes.js';

const QUOTE = 0x22;

/**
 * One column of a parsed CSV file, kept as byte spans into the file's buffer: a cell becomes a
 * string only when asked for, numbers are parsed from the bytes, and categories are encoded by
 * hashing bytes, so that reading a million rows makes no per-cell object. A span that starts with
 * a quote is a quoted field (quotes included; `""` inside stands for `"`).
 */
export class CsvRawColumn implements RawColumn {
  readonly name: string;
  readonly length: number;
  readonly #bytes: Buffer;
  /** `[start, end)` of every cell of every column, row-major: cell (row, c) at `2 * (row * stride + c)`. */
  readonly #spans: Uint32Array;
  readonly #stride: number;
  readonly #index: number;

  constructor(
    name: string,
    bytes: Buffer,
    spans: Uint32Array,
    stride: number,
    index: number,
    length: number,
  ) {
    this.name = name;
    this.#bytes = bytes;
    this.#spans = spans;
    this.#stride = stride;
    this.#index = index;
    this.length = length;
  }

  text(row: number): string {
    const at = 2 * (row * this.#stride + this.#index);
    return decodeCell(this.#bytes, this.#spans[at]!, this.#spans[at + 1]!);
  }

  number(row: number): number {
    const at = 2 * (row * this.#stride + this.#index);
    const start = this.#spans[at]!;
    const end = this.#spans[at + 1]!;
    if (start === end) return Number.NaN;
    const value = parseDecimalBytes(this.#bytes, start, end);
    // biome-ignore lint/suspicious/noSelfCompare: the cheapest NaN test in this hot path
    return value === value ? value : parseNumericText(decodeCell(this.#bytes, start, end));
  }

  encode(): { codes: Int32Array; values: string[] } {
    const { codes, firstAt } = this.#encodeSpans();
    return remapByText(this.#bytes, this.#spans, codes, firstAt);
  }

  encodeLazily(): { codes: Int32Array; distinct: number; text(code: number): string } {
    const { codes, firstAt } = this.#encodeSpans();
    const bytes = this.#bytes;
    const spans = this.#spans;
    // Only a quoted span can spell the same text as different bytes (`"HIGH"` and `HIGH`, or `""`).
    if (firstAt.some((at) => bytes[spans[at]!] === QUOTE)) {
      const { values } = remapByText(bytes, spans, codes, firstAt);
      return { codes, distinct: values.length, text: (code) => values[code]! };
    }
    return {
      codes,
      distinct: firstAt.length,
      text: (code) => decodeCell(bytes, spans[firstAt[code]!]!, spans[firstAt[code]! + 1]!),
    };
  }

  /** Each row's code over the distinct byte spans of the column (`-1` for empty), and where each span first occurs. */
  #encodeSpans(): { codes: Int32Array; firstAt: number[] } {
    const bytes = this.#bytes;
    const spans = this.#spans;
    const n = this.length;
    const codes = new Int32Array(n);
    // Distinct byte spans, found by hash.
    let capacity = 1024;
    let slots: Int32Array = new Int32Array(capacity).fill(-1);
    const firstAt: number[] = [];
    const hashes: number[] = [];
    for (let row = 0; row < n; row++) {
      const at = 2 * (row * this.#stride + this.#index);
      const start = spans[at]!;
      const end = spans[at + 1]!;
      if (start === end) {
        codes[row] = -1;
        continue;
      }
      let hash = 0x811c9dc5;
      for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
      hash >>>= 0;
      let slot = hash & (capacity - 1);
      let code = -1;
      for (;;) {
        const entry = slots[slot]!;
        if (entry < 0) break;
        if (hashes[entry] === hash && sameBytes(bytes, spans, firstAt[entry]!, start, end)) {
          code = entry;
          break;
        }
        slot = (slot + 1) & (capacity - 1);
      }
      if (code < 0) {
        code = firstAt.length;
        firstAt.push(at);
        hashes.push(hash);
        slots[slot] = code;
        if (firstAt.length * 2 > capacity) {
          capacity *= 2;
          slots = rehash(hashes, capacity);
        }
      }
      codes[row] = code;
    }
    return { codes, firstAt };
  }
}

/**
 * Codes over distinct texts from codes over distinct byte spans, in place: `"HIGH"` and `HIGH` are
 * different bytes but the same value; `""` is empty, so missing.
 */
function remapByText(
  bytes: Buffer,
  spans: Uint32Array,
  codes: Int32Array,
  firstAt: readonly number[],
): { codes: Int32Array; values: string[] } {
  const values: string[] = [];
  const byText = new Map<string, number>();
  const remap = Int32Array.from(firstAt, (at) => {
    const text = decodeCell(bytes, spans[at]!, spans[at + 1]!);
    if (text === '') return -1;
    let code = byText.get(text);
    if (code === undefined) {
      code = values.length;
      byText.set(text, code);
      values.push(text);
    }
    return code;
  });
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row]!;
    if (code >= 0) codes[row] = remap[code]!;
  }
  return { codes, values };
}

function sameBytes(bytes: Buffer, spans: Uint32Array, at: number, start: number, end: number): boolean {
  const otherStart = spans[at]!;
  if (spans[at + 1]! - otherStart !== end - start) return false;
  for (let i = 0; i < end - start; i++) if (bytes[otherStart + i] !== bytes[start + i]) return false;
  return true;
}

function rehash(hashes: readonly number[], capacity: number): Int32Array {
  const slots = new Int32Array(capacity).fill(-1);
  for (let entry = 0; entry < hashes.length; entry++) {
    let slot = hashes[entry]! & (capacity - 1);
    while (slots[slot]! >= 0) slot = (slot + 1) & (capacity - 1);
    slots[slot] = entry;
  }
  return slots;
}

/** The text of a cell's bytes: a quoted field loses its quotes and `""` becomes `"`. */
function decodeCell(bytes: Buffer, start: number, end: number): string {
  if (start === end) return '';
  if (bytes[start] !== QUOTE) return bytes.toString('utf8', start, end);
  const text = bytes.toString('utf8', start + 1, end - 1);
  return text.includes('"') ? text.replaceAll('""', '"') : text;
}
