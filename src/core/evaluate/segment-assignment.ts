import type { SegmentSpec, SegmentValues } from './segment-spec.js';

/** The segment of every case: names in the order reported, and each case's index into them. */
export interface SegmentAssignment {
  readonly names: readonly string[];
  /** For a band breakdown, each segment's bounds (`from` inclusive, `to` exclusive; null is unbounded); null for the missing segment. */
  readonly bands: readonly ({ readonly from: number | null; readonly to: number | null } | null)[] | null;
  /** Per case, the index of its segment in `names`. */
  readonly index: Int32Array;
}

/** The segment of cases whose value is missing. */
export const MISSING_SEGMENT = '(missing)';
/** The segment of the values beyond the most frequent {@link MAX_VALUE_SEGMENTS} − 1. */
export const OTHER_SEGMENT = '(other)';
/** Most segments of a breakdown by value (a column of ids would otherwise give one per case). */
export const MAX_VALUE_SEGMENTS = 20;

/**
 * Assigns each case to its segment. By value: one segment per distinct value (text as is, numbers
 * written as JavaScript writes them), in code-point order, the least frequent folded into
 * `(other)` past {@link MAX_VALUE_SEGMENTS}, and `(missing)` last when a value is missing. By
 * band: every band of the cuts, in increasing order, whether cases fall in it or not (so that
 * every report of the same cuts lists the same segments), then `(missing)` when a value is missing
 * or not a number.
 *
 * @example
 * segmentAssignment({ kind: 'cells', values: ['LOW', 'HIGH', null, 'LOW'] }, { column: 'risk_pld', kind: 'value' });
 * // { names: ['HIGH', 'LOW', '(missing)'], bands: null, index: Int32Array [1, 0, 2, 1] }
 */
export function segmentAssignment(values: SegmentValues, spec: SegmentSpec): SegmentAssignment {
  return spec.kind === 'band' ? byBand(values, spec.cuts) : byValue(values);
}

function numberAt(values: SegmentValues, i: number): number {
  const v = values.values[i];
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || v.trim() === '') return Number.NaN;
  return Number(v);
}

function byBand(values: SegmentValues, cuts: readonly number[]): SegmentAssignment {
  const n = values.values.length;
  const index = new Int32Array(n);
  const missing = cuts.length + 1;
  let anyMissing = false;
  for (let i = 0; i < n; i++) {
    const x = numberAt(values, i);
    if (Number.isNaN(x)) {
      index[i] = missing;
      anyMissing = true;
      continue;
    }
    // Binary search: the number of cuts at or below x is the band.
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cuts[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    index[i] = lo;
  }
  const names: string[] = [];
  const bands: ({ from: number | null; to: number | null } | null)[] = [];
  for (let b = 0; b <= cuts.length; b++) {
    const from = b === 0 ? null : cuts[b - 1]!;
    const to = b === cuts.length ? null : cuts[b]!;
    names.push(bandName(from, to));
    bands.push({ from, to });
  }
  if (anyMissing) {
    names.push(MISSING_SEGMENT);
    bands.push(null);
  }
  return { names, bands, index };
}

/** `< 250`, `250 to < 1305.06`, `>= 1305.06`; `all` for a column without cuts. */
function bandName(from: number | null, to: number | null): string {
  if (from === null && to === null) return 'all';
  if (from === null) return `< ${cutText(to!)}`;
  if (to === null) return `>= ${cutText(from)}`;
  return `${cutText(from)} to < ${cutText(to)}`;
}

/** Six significant digits, without exponent or trailing zeros: a label, the cuts stay exact. */
function cutText(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function byValue(values: SegmentValues): SegmentAssignment {
  const n = values.values.length;
  const keys = new Array<string | null>(n);
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = values.values[i];
    const key =
      v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : String(v);
    keys[i] = key;
    if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let kept = [...counts.keys()];
  const folded = kept.length > MAX_VALUE_SEGMENTS;
  if (folded)
    kept = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || codePointOrder(a[0], b[0]))
      .slice(0, MAX_VALUE_SEGMENTS - 1)
      .map(([key]) => key);
  kept.sort(codePointOrder);
  const names = [...kept];
  const position = new Map(kept.map((key, i) => [key, i]));
  const other = folded ? names.push(OTHER_SEGMENT) - 1 : -1;
  const index = new Int32Array(n);
  let missing = -1;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (key === null) {
      if (missing < 0) missing = names.push(MISSING_SEGMENT) - 1;
      index[i] = missing;
    } else index[i] = position.get(key) ?? other;
  }
  return { names, bands: null, index };
}

function codePointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
