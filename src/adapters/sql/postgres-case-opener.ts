import type { ClientBase } from 'pg';
import type { AuditBatch } from '../../ports/audit-sink.js';
import { ALERT_THRESHOLD_TAGS } from '../../services/recorded-alert-threshold.js';
import { AlertThresholdCache, thresholdFromTag } from './alert-threshold-cache.js';
import { type CaseOpening, caseOpeningsOf } from './case-openings.js';
import type { CaseOpeningOptions } from './sqlite-case-opener.js';

/** The cases of an append, found before its transaction and written inside it. */
export interface PostgresCaseOpener {
  /** The cases `batches` open or attach to (thresholds read from the registry when stale). */
  openingsOf(client: ClientBase, batches: readonly AuditBatch[]): Promise<CaseOpening[]>;
  /** Opens the cases, or attaches the scores to the subjects' open cases: call inside the append's transaction. */
  open(client: ClientBase, openings: readonly CaseOpening[]): Promise<void>;
}

const UPSERT = `insert into alert_cases (subject, open_subject, state, sampled, score, threshold, model_name,
    model_version, request_id, row_index, opened_at, last_scored_at, scores)
  select s, s, 'open', sampled, score, threshold, model_name, model_version, request_id, row_index, opened_at,
    last_scored_at, scores
  from unnest($1::text[], $2::int[], $3::float8[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::int[],
    $9::int8[], $10::int8[], $11::int[])
    as t(s, sampled, score, threshold, model_name, model_version, request_id, row_index, opened_at, last_scored_at, scores)
  on conflict (open_subject) do update set
    score = greatest(alert_cases.score, excluded.score),
    sampled = least(alert_cases.sampled, excluded.sampled),
    last_scored_at = greatest(alert_cases.last_scored_at, excluded.last_scored_at),
    scores = alert_cases.scores + excluded.scores
  returning id, subject, request_id, row_index`;

const ATTACH = `insert into alert_case_scores (case_id, request_id, row_index, model_name, model_version, score,
    scored_at, sampled)
  select * from unnest($1::int8[], $2::text[], $3::int[], $4::text[], $5::text[], $6::float8[], $7::int8[], $8::int[])`;

/**
 * The case opening of the PostgreSQL audit writer: one `insert … select from unnest … on conflict
 * (open_subject) do update` for every case of an append (a subject's alert attaches to its open
 * case, also when another replica's writer opened it a moment before: the unique index makes the
 * second wait and attach), then one insert of the attached scores, inside the transaction that
 * COPYs the scored cases and moves the spool checkpoint. Subjects come sorted, so that two writers
 * lock the cases they share in the same order.
 *
 * @example
 * const openings = await cases.openingsOf(client, batches);
 * await client.query('begin'); await copy(); await cases.open(client, openings); await client.query('commit');
 */
export function postgresCaseOpener(options: CaseOpeningOptions = {}): PostgresCaseOpener {
  const sampleRate = options.sampleRate ?? 0;
  const thresholds = new AlertThresholdCache(options.thresholdTtlMs);
  return {
    async openingsOf(client, batches) {
      for (const { name, version } of thresholds.stale(batches)) {
        const number = Number(version);
        const { rows } = Number.isInteger(number)
          ? await client.query<{ value: string }>(
              'select value from model_version_tags where name = $1 and version = $2 and key = $3',
              [name, number, ALERT_THRESHOLD_TAGS.value],
            )
          : { rows: [] };
        thresholds.set(name, version, thresholdFromTag(rows[0]?.value));
      }
      return caseOpeningsOf(batches, (name, version) => thresholds.get(name, version), sampleRate);
    },
    async open(client, openings) {
      if (openings.length === 0) return;
      const { rows } = await client.query<{
        id: string;
        subject: string | null;
        request_id: string;
        row_index: number;
      }>(UPSERT, [
        openings.map((o) => o.subject),
        openings.map((o) => (o.sampled ? 1 : 0)),
        openings.map((o) => o.maxScore),
        openings.map((o) => o.first.threshold),
        openings.map((o) => o.first.modelName),
        openings.map((o) => o.first.modelVersion),
        openings.map((o) => o.first.requestId),
        openings.map((o) => o.first.row),
        openings.map((o) => o.first.time),
        openings.map((o) => o.lastTime),
        openings.map((o) => o.scores.length),
      ]);
      // An updated case returns its own opening scored case: subjects name cases, and a case
      // without a subject was inserted by this statement from its own scored case.
      const bySubject = new Map<string, string>();
      const byScored = new Map<string, string>();
      for (const row of rows)
        if (row.subject !== null) bySubject.set(row.subject, row.id);
        else byScored.set(`${row.request_id}#${row.row_index}`, row.id);
      const scores = openings.flatMap((o) => {
        const id =
          o.subject !== null ? bySubject.get(o.subject) : byScored.get(`${o.first.requestId}#${o.first.row}`);
        return o.scores.map((s) => ({ id: id!, s }));
      });
      await client.query(ATTACH, [
        scores.map((x) => x.id),
        scores.map((x) => x.s.requestId),
        scores.map((x) => x.s.row),
        scores.map((x) => x.s.modelName),
        scores.map((x) => x.s.modelVersion),
        scores.map((x) => x.s.score),
        scores.map((x) => x.s.time),
        scores.map((x) => (x.s.sampled ? 1 : 0)),
      ]);
    },
  };
}
