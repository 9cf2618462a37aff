import type { CategoricalColumn, NumericColumn, TextColumn } from '../frame/index.js';

/** What rows are compared on: numbers, codes or texts per column (a `Frame` is one). */
export interface RowKeyTable {
  readonly rowCount: number;
  readonly columns: readonly RowKeyColumn[];
}

export type RowKeyColumn =
  | Pick<NumericColumn, 'kind' | 'values'>
  | Pick<CategoricalColumn, 'kind' | 'codes'>
  | Pick<TextColumn, 'kind' | 'values'>;

/** Rows equal in every column to an earlier row. */
export interface DuplicateRows {
  readonly count: number;
  /** The first few duplicates (0-based rows), each with the earlier row it repeats. */
  readonly examples: readonly { readonly row: number; readonly firstRow: number }[];
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/**
 * Finds rows that repeat an earlier row in every column of the frame (missing equals missing),
 * with an open-addressing hash table over row hashes: no per-row allocation.
 *
 * @example
 * findDuplicateRows(new Frame([{ kind: 'numeric', name: 'x', values: Float64Array.of(1, 2, 1) }]));
 * // { count: 1, examples: [{ row: 2, firstRow: 0 }] }
 */
export function findDuplicateRows(frame: RowKeyTable, exampleLimit = 5): DuplicateRows {
  const n = frame.rowCount;
  const hashes = new Uint32Array(n).fill(0x811c9dc5);
  for (const column of frame.columns) hashColumn(column, hashes);
  let size = 1;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  let count = 0;
  const examples: { row: number; firstRow: number }[] = [];
  for (let row = 0; row < n; row++) {
    const hash = hashes[row]!;
    let slot = hash & mask;
    for (;;) {
      const other = slots[slot]!;
      if (other < 0) {
        slots[slot] = row;
        break;
      }
      if (hashes[other] === hash && rowsEqual(frame.columns, other, row)) {
        count++;
        if (examples.length < exampleLimit) examples.push({ row, firstRow: other });
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { count, examples };
}

function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 0x01000193) >>> 0;
}

function hashColumn(column: RowKeyColumn, hashes: Uint32Array): void {
  const n = hashes.length;
  if (column.kind === 'numeric') {
    for (let row = 0; row < n; row++) {
      const value = column.values[row]!;
      scratch[0] = value === 0 ? 0 : value;
      hashes[row] = mix(mix(hashes[row]!, scratchWords[0]!), scratchWords[1]!);
    }
  } else if (column.kind === 'categorical') {
    for (let row = 0; row < n; row++) hashes[row] = mix(hashes[row]!, column.codes[row]!);
  } else {
    for (let row = 0; row < n; row++) {
      const text = column.values[row];
      let hash = mix(hashes[row]!, text === null ? 1 : 2);
      if (text !== null) for (let i = 0; i < text.length; i++) hash = mix(hash, text.charCodeAt(i));
      hashes[row] = hash;
    }
  }
}

function rowsEqual(columns: readonly RowKeyColumn[], a: number, b: number): boolean {
  for (const column of columns) {
    if (column.kind === 'numeric') {
      const x = column.values[a]!;
      const y = column.values[b]!;
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
    } else if (column.kind === 'categorical') {
      if (column.codes[a] !== column.codes[b]) return false;
    } else if (column.values[a] !== column.values[b]) return false;
  }
  return true;
}
