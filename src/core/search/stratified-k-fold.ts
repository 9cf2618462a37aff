import { AmlopsError } from '../errors/index.js';
import type { Rng } from '../random/rng.js';

/**
 * Assigns every row to one of `folds` folds, stratified by label: the rows of each class are
 * shuffled with `rng` and dealt round-robin, so every fold gets `floor` or `ceil` of each class's
 * count and the folds' positive rates match the whole's. The same labels and seed give the same
 * folds.
 *
 * @returns the fold (0 .. folds-1) of each row.
 *
 * @example
 * const foldOf = stratifiedKFold(Uint8Array.of(0, 0, 0, 0, 1, 1), 2, new Rng(7));
 * // two folds of three rows, each holding one of the two positives
 */
export function stratifiedKFold(labels: ArrayLike<number>, folds: number, rng: Rng): Uint8Array {
  if (!Number.isInteger(folds) || folds < 2 || folds > 255)
    throw new AmlopsError('USAGE', `the number of folds must be an integer in [2, 255]; got ${folds}`);
  const n = labels.length;
  if (n < folds)
    throw new AmlopsError('DATA_TOO_SMALL', `cannot make ${folds} folds of ${n} rows`, { rows: n, folds });
  const byClass = new Map<number, number[]>();
  for (let row = 0; row < n; row++) {
    const label = labels[row]!;
    const rows = byClass.get(label);
    if (rows) rows.push(row);
    else byClass.set(label, [row]);
  }
  const foldOf = new Uint8Array(n);
  // Dealing continues across classes, so that the small remainders of each class do not all land
  // in the first folds.
  let next = 0;
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = rng.shuffle(byClass.get(label)!);
    for (const row of rows) {
      foldOf[row] = next;
      next = next + 1 === folds ? 0 : next + 1;
    }
  }
  return foldOf;
}
