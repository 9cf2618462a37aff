/** An analyst's conclusion on a scored case, the label of live performance monitoring. */
export interface CaseFeedback {
  readonly requestId: string | null;
  readonly row: number | null;
  readonly caseId: string | null;
  readonly conclusion: string;
  /** 1 when the conclusion means laundering, else 0 (per the data contract's negative value). */
  readonly label: 0 | 1;
  readonly time: number;
  readonly analyst: string;
}

/** Which analysts' conclusions to list, oldest first. */
export interface CaseFeedbackQuery {
  /** Received at or after this time. */
  readonly since?: number;
  /** The conclusions on the case at this request id and row (both given, or neither). */
  readonly requestId?: string;
  readonly row?: number;
  readonly maxResults?: number;
}

/**
 * Where analysts' conclusions on scored cases are kept (`POST /feedback`, `amlops predictions
 * conclude`, a case concluded through a scored case): each one appended, never changed; the latest
 * on a case is its label. The audit log reads them where live performance and a subject's records
 * need both.
 */
export interface FeedbackLog {
  recordFeedback(feedback: CaseFeedback): Promise<void>;
  listFeedback(query?: CaseFeedbackQuery): Promise<readonly CaseFeedback[]>;
  close(): Promise<void>;
}
