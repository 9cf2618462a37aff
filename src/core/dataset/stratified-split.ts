import { AmlopsError } from '../errors/index.js';
import type { Rng } from '../random/index.js';

/** Row indices of the two parts of a split, each ascending. */
export interface TrainTestSplit {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/**
 * Splits rows into train and test, stratified by label: each class sends `round(count * testSize)`
 * of its rows, drawn with `rng`, to the test part, and at least one row to each part whenever it
 * has two or more, so that both parts see both classes when possible. The same labels, test size
 * and seed give the same split.
 *
 * @example
 * const { train, test } = stratifiedSplit(Uint8Array.of(0, 0, 0, 1, 1, 0, 0, 1, 0, 0), 0.3, new Rng(42));
 * // test holds 2 of the seven 0s and 1 of the three 1s
 */
export function stratifiedSplit(labels: ArrayLike<number>, testSize: number, rng: Rng): TrainTestSplit {
  if (!(testSize > 0 && testSize < 1))
    throw new AmlopsError('USAGE', `test size must be between 0 and 1 (exclusive); got ${testSize}`);
  const n = labels.length;
  const byClass = new Map<number, number[]>();
  for (let row = 0; row < n; row++) {
    const label = labels[row]!;
    const rows = byClass.get(label);
    if (rows) rows.push(row);
    else byClass.set(label, [row]);
  }
  const isTest = new Uint8Array(n);
  let testCount = 0;
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = byClass.get(label)!;
    if (rows.length < 2) continue;
    const take = Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * testSize)));
    // A partial Fisher–Yates: only the first `take` positions need drawing.
    for (let i = 0; i < take; i++) {
      const j = i + rng.nextInt(rows.length - i);
      const picked = rows[j]!;
      rows[j] = rows[i]!;
      rows[i] = picked;
      isTest[picked] = 1;
    }
    testCount += take;
  }
  if (testCount === 0 || testCount === n)
    throw new AmlopsError(
      'DATA_TOO_SMALL',
      `cannot split ${n} rows into train and test: each part needs at least one row (a class needs two rows to appear in both)`,
      { rows: n },
    );
  const train = new Uint32Array(n - testCount);
  const test = new Uint32Array(testCount);
  let t = 0;
  let r = 0;
  for (let row = 0; row < n; row++) {
    if (isTest[row]) test[t++] = row;
    else train[r++] = row;
  }
  return { train, test };
}
