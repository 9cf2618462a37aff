/**
 * The cases a model version opened on one UTC day, and what has become of them so far. Alerted
 * cases (a score at or above the alert threshold) and the `cases.sampleRate` sample below it are
 * counted apart: only the first are what the threshold promised.
 *
 * @example
 * { day: '2026-12-05', opened: 52, concluded: 40, positive: 31, sampled: 8, sampledConcluded: 6, sampledPositive: 0 }
 */
export interface CaseDay {
  /** The UTC day the cases were opened, `YYYY-MM-DD`. */
  readonly day: string;
  /** Alerted cases opened that day. */
  readonly opened: number;
  /** Of those, concluded so far. */
  readonly concluded: number;
  /** Of those, concluded as laundering (label 1). */
  readonly positive: number;
  /** Sampled cases (below the threshold) opened that day. */
  readonly sampled: number;
  readonly sampledConcluded: number;
  readonly sampledPositive: number;
}
