/**
 * Measures computed the slow, obvious way, for tests to check the product's figures against an
 * independent computation.
 */

/** ROC AUC and DeLong's 95% interval from every (positive, negative) pair. */
export function pairwiseAuc(labels: readonly number[], scores: readonly number[]) {
  const pos = scores.filter((_, i) => labels[i] === 1);
  const neg = scores.filter((_, i) => labels[i] === 0);
  const psi = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);
  const v10 = pos.map((x) => neg.reduce((s, y) => s + psi(x, y), 0) / neg.length);
  const v01 = neg.map((y) => pos.reduce((s, x) => s + psi(x, y), 0) / pos.length);
  const auc = v10.reduce((a, b) => a + b, 0) / pos.length;
  const variance =
    v10.reduce((s, v) => s + (v - auc) ** 2, 0) / (pos.length - 1) / pos.length +
    v01.reduce((s, v) => s + (v - auc) ** 2, 0) / (neg.length - 1) / neg.length;
  const half = 1.959963984540054 * Math.sqrt(variance);
  return { auc, lower: auc - half, upper: auc + half };
}

/** Average precision as scikit-learn defines it: the sum over distinct thresholds of (R_n − R_{n−1}) P_n. */
export function averagePrecision(labels: readonly number[], scores: readonly number[]): number {
  const positives = labels.filter((y) => y === 1).length;
  const thresholds = [...new Set(scores)].sort((a, b) => b - a);
  let previousRecall = 0;
  let sum = 0;
  for (const t of thresholds) {
    const alerted = scores.map((s, i) => [s >= t, labels[i] === 1] as const).filter(([a]) => a);
    const hits = alerted.filter(([, y]) => y).length;
    const recall = hits / positives;
    sum += (recall - previousRecall) * (hits / alerted.length);
    previousRecall = recall;
  }
  return sum;
}

/** Mean squared difference of scores and labels. */
export function brierScore(labels: readonly number[], scores: readonly number[]): number {
  return scores.reduce((s, p, i) => s + (p - labels[i]!) ** 2, 0) / scores.length;
}
