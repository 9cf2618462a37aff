import type { ScoredCases } from '../core/quality/quality-table-from-cases.js';
import type { CaseFeedback } from './feedback-log.js';
import type { Page } from './page.js';

/** One scored case as the audit log keeps it. */
export interface ScoredCase {
  /** The id the server gave the request (a UUID v7), never one a client chose. */
  readonly requestId: string;
  /** Position of the case in its request (0-based). */
  readonly row: number;
  /** The case's id when the model has an id column and the request carried it. */
  readonly caseId: string | null;
  readonly modelName: string;
  readonly modelVersion: string;
  /** The input values as scored (missing as null), by column. */
  readonly inputs: Readonly<Record<string, string | number | null>>;
  readonly score: number;
  /** When it was scored, in milliseconds since the epoch. */
  readonly time: number;
  /** Who asked: the API key id when auth is on, else '' (or the client address). */
  readonly caller: string;
  /**
   * The client's own `X-Request-Id`, when it sent a well-formed one; null otherwise. Kept apart
   * from `requestId`, which the server makes, so that two requests reusing an id never share a key.
   */
  readonly clientRequestId: string | null;
}

/** Which scored cases to list, newest first. */
export interface ScoredCaseQuery {
  readonly modelName?: string;
  readonly modelVersion?: string;
  readonly requestId?: string;
  /** The cases of the requests a client sent with this `X-Request-Id`. */
  readonly clientRequestId?: string;
  readonly caseId?: string;
  /** Inclusive lower bound of `time`. */
  readonly since?: number;
  /** Exclusive upper bound of `time`. */
  readonly until?: number;
  /** Inclusive lower bound of `score`. */
  readonly minScore?: number;
  /** Inclusive upper bound of `score`. */
  readonly maxScore?: number;
  readonly maxResults?: number;
  readonly pageToken?: string;
}

/** A scored case an analyst concluded on: its score and the label of the latest conclusion. */
export interface LabelledScore {
  readonly modelName: string;
  readonly modelVersion: string;
  readonly score: number;
  readonly label: 0 | 1;
}

/** A labelled case with the inputs it was scored on: what live performance by segment reads. */
export interface LabelledInputs extends LabelledScore {
  /** The input values as scored (missing as null), by column. */
  readonly inputs: Readonly<Record<string, string | number | null>>;
}

/** Which labelled cases to read: by the model that scored them and when they were scored. */
export interface LabelledScoreQuery {
  readonly modelName?: string;
  readonly modelVersion?: string;
  /** Inclusive lower bound of the scoring time. */
  readonly since?: number;
  /** Exclusive upper bound of the scoring time. */
  readonly until?: number;
}

/** Which scored cases a live quality report reads: one model version's, in a time window. */
export interface ScoredWindowQuery {
  readonly modelName: string;
  readonly modelVersion: string;
  /** Inclusive lower bound of the scoring time. */
  readonly since: number;
  /** Exclusive upper bound of the scoring time. */
  readonly until: number;
  /** Most cases read, the newest first. */
  readonly limit: number;
}

/**
 * The inputs and scores of a window's cases, by column (numbers, or categories for inputs that hold
 * text), the newest `rows` of them.
 */
export interface ScoredWindow extends ScoredCases {
  /** Cases in the window, of which `rows` (at most the limit) were read. */
  readonly total: number;
}

/**
 * Where every scored case is recorded (written from the serving processes' spool files by an
 * `AuditStoreWriter`) and read, with the analysts' conclusions on them (kept by a `FeedbackLog`)
 * where a reading needs both: live performance, a subject's records and its erasure.
 */
export interface AuditLog {
  /** Appends scored cases in one transaction (imports and tests; serving goes through the spool). */
  append(cases: readonly ScoredCase[]): Promise<void>;
  list(query?: ScoredCaseQuery): Promise<Page<ScoredCase>>;
  /** The scored case a request id and row, or a case id (its latest scoring), names; undefined when none. */
  findCase(
    ref: { readonly requestId: string; readonly row: number } | { readonly caseId: string },
  ): Promise<ScoredCase | undefined>;
  /**
   * Every scored case that has feedback, with the label of its latest feedback (an analyst may
   * revise a conclusion): what live performance is measured on.
   */
  labelledScores(query?: LabelledScoreQuery): Promise<readonly LabelledScore[]>;
  /** The cases `labelledScores` reads, each with its inputs as scored (live performance by segment). */
  labelledInputs(query?: LabelledScoreQuery): Promise<readonly LabelledInputs[]>;
  /** The inputs and scores of the cases one version scored in a window (what live drift compares with its training data). */
  scoredWindow(query: ScoredWindowQuery): Promise<ScoredWindow>;
  /**
   * Deletes scored cases and feedback older than `time`, and the analysts' cases concluded before it
   * whose every score is older (open and in-review cases stay); returns how many scored cases.
   */
  deleteOlderThan(time: number): Promise<number>;
  /** Everything kept about a subject (the value of the model's id column): its scored cases and conclusions, oldest first. */
  subjectRecords(subject: string): Promise<SubjectRecords>;
  /**
   * Deletes a subject's scored cases and conclusions (a right-to-erasure request) and records the
   * erasure: when, by whom, how many, and the subject's SHA-256 (not the subject itself).
   */
  eraseSubject(subject: string, by: string, at: number): Promise<SubjectErasure>;
  /** Every erasure done, oldest first. */
  listErasures(): Promise<readonly SubjectErasure[]>;
  close(): Promise<void>;
}

/** A subject's records in the audit log. */
export interface SubjectRecords {
  readonly subject: string;
  readonly cases: readonly ScoredCase[];
  readonly conclusions: readonly CaseFeedback[];
}

/** The record that a subject's data was erased, kept without the subject's id. */
export interface SubjectErasure {
  /** SHA-256 of the subject's id, hex: it answers "was X erased?" without keeping X. */
  readonly subjectHash: string;
  readonly at: number;
  readonly by: string;
  readonly cases: number;
  readonly conclusions: number;
}
