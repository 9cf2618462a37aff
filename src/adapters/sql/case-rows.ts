import type { Selectable } from 'kysely';
import type { AlertCase, CaseScore, CaseState } from '../../core/cases/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import type { CaseTables } from './case-tables.js';

type CaseRow = Selectable<CaseTables['alert_cases']>;
type ScoreRow = Selectable<CaseTables['alert_case_scores']>;

const orNull = (x: number | null): number | null => (x === null ? null : Number(x));

/** A row of `alert_cases` as the domain's case. */
export function toAlertCase(r: CaseRow): AlertCase {
  return {
    id: Number(r.id),
    subject: r.subject,
    state: r.state as CaseState,
    sampled: Number(r.sampled) === 1,
    score: Number(r.score),
    threshold: Number(r.threshold),
    modelName: r.model_name,
    modelVersion: r.model_version,
    requestId: r.request_id,
    row: Number(r.row_index),
    openedAt: Number(r.opened_at),
    lastScoredAt: Number(r.last_scored_at),
    scores: Number(r.scores),
    assignee: r.assignee,
    assignedBy: r.assigned_by,
    assignedAt: orNull(r.assigned_at),
    conclusion: r.conclusion,
    label: r.label === null ? null : Number(r.label) === 1 ? 1 : 0,
    note: r.note,
    concludedBy: r.concluded_by,
    concludedAt: orNull(r.concluded_at),
  };
}

/** A row of `alert_case_scores` as the domain's attached score. */
export function toCaseScore(r: ScoreRow): CaseScore {
  return {
    caseId: Number(r.case_id),
    requestId: r.request_id,
    row: Number(r.row_index),
    modelName: r.model_name,
    modelVersion: r.model_version,
    score: Number(r.score),
    time: Number(r.scored_at),
    sampled: Number(r.sampled) === 1,
  };
}

/** Where a page of the queue ends: the last case's sort key and id. */
export interface CasePageKey {
  readonly key: number;
  readonly id: number;
}

export function encodeCaseToken(key: CasePageKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** USAGE for a token this store did not make. */
export function decodeCaseToken(token: string): CasePageKey {
  try {
    const { key, id } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<CasePageKey>;
    if (typeof key === 'number' && Number.isFinite(key) && typeof id === 'number' && Number.isInteger(id))
      return { key, id };
  } catch {
    // falls through to the error below
  }
  throw new AmlopsError('USAGE', 'the page token is not one a case listing gave');
}
