import { brierScore } from './brier-score.js';
import { averagePrecision } from './precision-recall.js';
import { rocAuc } from './roc-auc.js';

/** A served score and the label an analyst's conclusion gave it. */
export interface ConcludedScore {
  readonly modelName: string;
  readonly modelVersion: string;
  readonly score: number;
  readonly label: 0 | 1;
}

/** How a model version did on the cases analysts concluded on since it served them. */
export interface VersionPerformance {
  readonly modelName: string;
  readonly modelVersion: string;
  /** Scored cases with a conclusion. */
  readonly labelled: number;
  /** Of those, concluded as laundering (label 1). */
  readonly positives: number;
  /** Null while only one class has been concluded: the measure is undefined. */
  readonly rocAuc: number | null;
  readonly averagePrecision: number | null;
  readonly brierScore: number;
  /** Mean score served, beside the share concluded positive: calibration at a glance. */
  readonly meanScore: number;
  readonly positiveRate: number;
}

/**
 * Live performance per model version, from the scores it served and the analysts' conclusions on
 * them (`POST /feedback`): ROC AUC and average precision (the training report's measures, so the
 * two compare), Brier score, mean score and observed positive rate. Versions in the order first met.
 *
 * @example
 * livePerformance([{ modelName: 'm', modelVersion: '3', score: 0.9, label: 1 }, …]);
 */
export function livePerformance(concluded: readonly ConcludedScore[]): VersionPerformance[] {
  const byVersion = new Map<string, ConcludedScore[]>();
  for (const c of concluded) {
    const key = `${c.modelName}\u0000${c.modelVersion}`;
    const list = byVersion.get(key);
    if (list) list.push(c);
    else byVersion.set(key, [c]);
  }
  return [...byVersion.values()].map((cases) => {
    const scores = Float64Array.from(cases, (c) => c.score);
    const labels = Float64Array.from(cases, (c) => c.label);
    const positives = cases.reduce((n, c) => n + c.label, 0);
    const bothClasses = positives > 0 && positives < cases.length;
    return {
      modelName: cases[0]!.modelName,
      modelVersion: cases[0]!.modelVersion,
      labelled: cases.length,
      positives,
      rocAuc: bothClasses ? rocAuc(scores, labels) : null,
      averagePrecision: bothClasses ? averagePrecision(labels, scores) : null,
      brierScore: brierScore(labels, scores),
      meanScore: scores.reduce((a, b) => a + b, 0) / cases.length,
      positiveRate: positives / cases.length,
    };
  });
}
