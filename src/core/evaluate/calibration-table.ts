/** One bin of predicted probability with what was observed in it. */
export interface CalibrationBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
}

/**
 * Calibration by quantile bins of the predictions (equal counts), so that the rare high scores of
 * a 3%-positive problem get bins of their own. Empty bins are dropped.
 *
 * @example
 * calibrationTable([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8], 2); // two bins: observed 0 and 1
 */
export function calibrationTable(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  const n = labels.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => probabilities[a]! - probabilities[b]!);
  const table: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const start = Math.floor((b * n) / bins);
    const end = Math.floor(((b + 1) * n) / bins);
    if (end <= start) continue;
    let sumP = 0;
    let positives = 0;
    for (let k = start; k < end; k++) {
      sumP += probabilities[order[k]!]!;
      positives += labels[order[k]!] === 1 ? 1 : 0;
    }
    table.push({
      lower: probabilities[order[start]!]!,
      upper: probabilities[order[end - 1]!]!,
      count: end - start,
      meanPredicted: sumP / (end - start),
      observedRate: positives / (end - start),
    });
  }
  return table;
}
