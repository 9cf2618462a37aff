import type { CalibrationBin } from './calibration-table.js';
import type { ClassSortedScores } from './class-sorted-scores.js';

/**
 * `calibrationTable` (equal-count bins of the predictions, empty bins dropped) from the two sorted
 * classes, without sorting the rows again. Rows with equal scores on a bin boundary are assigned
 * negatives first; `calibrationTable` assigns them in row order.
 *
 * @example
 * sortedCalibrationTable(classSortedScores([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8]), 2); // observed 0, then 1
 */
export function sortedCalibrationTable(sorted: ClassSortedScores, bins = 10): CalibrationBin[] {
  const { positives, negatives } = sorted;
  const n = positives.length + negatives.length;
  const table: CalibrationBin[] = [];
  let i = 0;
  let j = 0;
  for (let b = 0; b < bins; b++) {
    const start = Math.floor((b * n) / bins);
    const end = Math.floor(((b + 1) * n) / bins);
    if (end <= start) continue;
    let sum = 0;
    let hits = 0;
    let lower = Number.NaN;
    let upper = Number.NaN;
    for (let k = start; k < end; k++) {
      const takeNegative = i >= positives.length || (j < negatives.length && negatives[j]! <= positives[i]!);
      const score = takeNegative ? negatives[j++]! : positives[i++]!;
      if (!takeNegative) hits++;
      if (k === start) lower = score;
      upper = score;
      sum += score;
    }
    table.push({
      lower,
      upper,
      count: end - start,
      meanPredicted: sum / (end - start),
      observedRate: hits / (end - start),
    });
  }
  return table;
}
