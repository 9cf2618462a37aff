import type { Frame } from '../frame/frame.js';

/** What `generateCases` returns: the rows and what is known about them that real data never tells. */
export interface GeneratedCases {
  /** The cases in the data contract: case_id, user_id, alert_date, the two amounts, risk_pld, conclusion. */
  readonly frame: Frame;
  /** Each row's true probability of a positive conclusion (the logistic of the documented score). */
  readonly probability: Float64Array;
  /** Each row's drawn label: 1 when the conclusion is a positive one. */
  readonly label: Uint8Array;
  readonly positives: number;
  readonly positiveRate: number;
  /** ROC AUC of `probability` against `label`: what no model of these rows can beat, save by luck. */
  readonly bestRocAuc: number;
}
