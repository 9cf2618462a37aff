import type { AlertCase, CaseDay, CaseScore, CaseState } from '../core/cases/index.js';
import type { Page } from './page.js';

/** Which cases to list: by state, ranked by score (highest first) or by age (oldest first). */
export interface CaseQuery {
  /** Default: open and in review (the queue). */
  readonly states?: readonly CaseState[];
  readonly sort?: 'score' | 'age';
  readonly subject?: string;
  readonly maxResults?: number;
  readonly pageToken?: string;
}

/** Taking a case: who takes it, who says so, when. */
export interface CaseAssignment {
  readonly id: number;
  readonly assignee: string;
  readonly by: string;
  readonly at: number;
}

/** Concluding a case: the conclusion and the label it means, a note, who and when. */
export interface CaseConclusion {
  readonly id: number;
  readonly conclusion: string;
  readonly label: 0 | 1;
  readonly note: string;
  readonly by: string;
  readonly at: number;
}

/** Which concluded cases training reads (times in ms since the epoch). */
export interface ConcludedCaseQuery {
  /** Opened (its first alert scored) at or after this time. */
  readonly since?: number;
  /** Concluded before this time: a retried training reads the cases its first attempt read. */
  readonly concludedBefore?: number;
}

/** A concluded case as training reads it: the inputs its latest score was made on, and the conclusion. */
export interface ConcludedCase {
  readonly caseId: number;
  readonly subject: string | null;
  readonly sampled: boolean;
  /** The scored case whose inputs stand for the case: its latest attached score. */
  readonly requestId: string;
  readonly row: number;
  readonly modelName: string;
  readonly modelVersion: string;
  /** The inputs as scored (missing as null), by column. */
  readonly inputs: Readonly<Record<string, string | number | null>>;
  readonly conclusion: string;
  readonly label: 0 | 1;
  readonly openedAt: number;
  readonly concludedAt: number;
}

/** Whose cases to count per day, and when they were opened (ms since the epoch). */
export interface CaseDaysQuery {
  readonly modelName: string;
  /** Every version of the model when absent. */
  readonly modelVersion?: string;
  /** Opened at or after this time. */
  readonly since?: number;
  /** Opened before this time. */
  readonly until?: number;
}

/**
 * The analysts' cases. They are opened by the audit store's writer, in the transaction that
 * appends the scored cases (see `AuditStoreWriter`); this port reads them and records the analysts'
 * work. Concluding a case also records the conclusion as feedback on every scored case attached to
 * it, in the same transaction, so that live performance counts it as `POST /feedback` would.
 */
export interface CaseStore {
  list(query?: CaseQuery): Promise<Page<AlertCase>>;
  /** How many cases are open and in review. */
  activeCounts(): Promise<{ readonly open: number; readonly in_review: number }>;
  /** The case; undefined when there is none with this id. */
  get(id: number): Promise<AlertCase | undefined>;
  /** The case not yet concluded that this scored case is attached to; undefined when there is none. */
  activeCaseOf(scored: { readonly requestId: string; readonly row: number }): Promise<AlertCase | undefined>;
  /** The scored cases attached to a case, oldest first. */
  scoresOf(id: number): Promise<readonly CaseScore[]>;
  /** Every case of a subject, newest first. */
  subjectCases(subject: string): Promise<readonly AlertCase[]>;
  /** Moves an open (or in review) case to in review with its assignee: CASE_NOT_FOUND, CASE_ALREADY_CONCLUDED. */
  assign(assignment: CaseAssignment): Promise<AlertCase>;
  /** Concludes a case that is not concluded yet: CASE_NOT_FOUND, CASE_ALREADY_CONCLUDED; nothing changed then. */
  conclude(conclusion: CaseConclusion): Promise<AlertCase>;
  /**
   * Concluded cases, oldest case first, with the inputs of their latest score (cases whose scored
   * cases are gone from the audit log are left out): opened at or after `since`, concluded before
   * `concludedBefore`.
   */
  concluded(query?: ConcludedCaseQuery): Promise<readonly ConcludedCase[]>;
  /**
   * The cases opened per UTC day, oldest day first (days without a case are absent): alerted and
   * sampled apart, with how many of each are concluded so far and concluded as laundering.
   */
  casesPerDay(query: CaseDaysQuery): Promise<readonly CaseDay[]>;
  close(): Promise<void>;
}
