import type BetterSqlite3 from 'better-sqlite3';
import type { AuditBatch } from '../../ports/audit-sink.js';
import { ALERT_THRESHOLD_TAGS } from '../../services/recorded-alert-threshold.js';
import { AlertThresholdCache, thresholdFromTag } from './alert-threshold-cache.js';
import { type CaseOpening, caseOpeningsOf } from './case-openings.js';

/** How the audit writer opens cases: the share of below-threshold cases sampled, and how long thresholds are cached. */
export interface CaseOpeningOptions {
  /** `cases.sampleRate`: 0 (default) samples none. */
  readonly sampleRate?: number;
  /** How long a version's alert threshold is trusted, in ms (5000 by default). */
  readonly thresholdTtlMs?: number;
}

/** The cases of an append, found before its transaction and written inside it. */
export interface SqliteCaseOpener {
  /** The cases `batches` open or attach to (thresholds read from the registry when stale). */
  openingsOf(batches: readonly AuditBatch[]): CaseOpening[];
  /** Opens the cases, or attaches the scores to the subjects' open cases: call inside the append's transaction. */
  open(openings: readonly CaseOpening[]): void;
}

/**
 * The case opening of the SQLite audit writer, on its own connection: prepared statements, an
 * upsert on the open subject (a subject's second alert attaches to its open case), run inside the
 * transaction that appends the scored cases and moves the spool checkpoint, so that a case is
 * opened exactly once however the writer is stopped and restarted.
 *
 * @example
 * const cases = sqliteCaseOpener(db, { sampleRate: 0.02 });
 * const openings = cases.openingsOf(batches);
 * db.transaction(() => { appendRows(); cases.open(openings); moveCheckpoint(); })();
 */
export function sqliteCaseOpener(
  db: BetterSqlite3.Database,
  options: CaseOpeningOptions = {},
): SqliteCaseOpener {
  const sampleRate = options.sampleRate ?? 0;
  const thresholds = new AlertThresholdCache(options.thresholdTtlMs);
  const tag = db.prepare<[string, number, string], { value: string }>(
    'select value from model_version_tags where name = ? and version = ? and key = ?',
  );
  const columns =
    'subject, open_subject, state, sampled, score, threshold, model_name, model_version, request_id, row_index, opened_at, last_scored_at, scores';
  const values = `values (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  const upsert = db.prepare<unknown[], { id: number }>(
    `insert into alert_cases (${columns}) ${values}
     on conflict (open_subject) do update set
       score = max(score, excluded.score),
       sampled = min(sampled, excluded.sampled),
       last_scored_at = max(last_scored_at, excluded.last_scored_at),
       scores = scores + excluded.scores
     returning id`,
  );
  const attach = db.prepare(
    `insert into alert_case_scores (case_id, request_id, row_index, model_name, model_version, score, scored_at, sampled)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    openingsOf(batches) {
      for (const { name, version } of thresholds.stale(batches)) {
        const number = Number(version);
        const row = Number.isInteger(number) ? tag.get(name, number, ALERT_THRESHOLD_TAGS.value) : undefined;
        thresholds.set(name, version, thresholdFromTag(row?.value));
      }
      return caseOpeningsOf(batches, (name, version) => thresholds.get(name, version), sampleRate);
    },
    open(openings) {
      for (const o of openings) {
        const f = o.first;
        const { id } = upsert.get(
          o.subject,
          o.subject,
          o.sampled ? 1 : 0,
          o.maxScore,
          f.threshold,
          f.modelName,
          f.modelVersion,
          f.requestId,
          f.row,
          f.time,
          o.lastTime,
          o.scores.length,
        )!;
        for (const s of o.scores)
          attach.run(id, s.requestId, s.row, s.modelName, s.modelVersion, s.score, s.time, s.sampled ? 1 : 0);
      }
    },
  };
}
