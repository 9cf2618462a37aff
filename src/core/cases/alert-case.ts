/** Where a case is in the analysts' work: opened by an alert, taken by an analyst, concluded. */
export const CASE_STATES = ['open', 'in_review', 'concluded'] as const;

export type CaseState = (typeof CASE_STATES)[number];

/**
 * A case sent to the analysts: opened by a scored case at or above its model version's alert
 * threshold (or drawn by `cases.sampleRate` below it: `sampled`), once per subject while it is not
 * concluded; later scores of the subject attach to it. Times are milliseconds since the epoch.
 */
export interface AlertCase {
  readonly id: number;
  /** The value of the model's id column the scored case carried; null when it carried none. */
  readonly subject: string | null;
  readonly state: CaseState;
  /** Opened by the random sample of below-threshold cases, and no attached score reached the threshold. */
  readonly sampled: boolean;
  /** The highest score attached: what the queue ranks by. */
  readonly score: number;
  /** The alert threshold of the version whose score opened it, when it opened. */
  readonly threshold: number;
  /** The model version whose score opened it. */
  readonly modelName: string;
  readonly modelVersion: string;
  /** The scored case that opened it (audit log key). */
  readonly requestId: string;
  readonly row: number;
  /** When the scored case that opened it was scored. */
  readonly openedAt: number;
  /** When its latest attached score was scored. */
  readonly lastScoredAt: number;
  /** How many scored cases are attached (the one that opened it included). */
  readonly scores: number;
  readonly assignee: string | null;
  readonly assignedBy: string | null;
  readonly assignedAt: number | null;
  readonly conclusion: string | null;
  /** 1 when the conclusion means laundering, 0 for the negative conclusion; null while not concluded. */
  readonly label: 0 | 1 | null;
  readonly note: string | null;
  readonly concludedBy: string | null;
  readonly concludedAt: number | null;
}

/** A scored case attached to a case. */
export interface CaseScore {
  readonly caseId: number;
  readonly requestId: string;
  readonly row: number;
  readonly modelName: string;
  readonly modelVersion: string;
  readonly score: number;
  /** When it was scored. */
  readonly time: number;
  /** Below its version's threshold, drawn by `cases.sampleRate`. */
  readonly sampled: boolean;
}
