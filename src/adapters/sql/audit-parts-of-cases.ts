import type { Insertable } from 'kysely';
import type { ScoredCase } from '../../ports/audit-log.js';
import { scoreText, subjectColumns } from './audit-part-text.js';
import { RequestGroup, sharesRow } from './audit-request-group.js';
import type { AuditTables } from './audit-tables.js';

/** One row of the audit table: a request part. */
export type AuditPartRow = Insertable<AuditTables['audit_parts']> & {
  readonly case_id: string | null;
  readonly case_ids: string | null;
  readonly client_request_id: string | null;
  readonly requests: string | null;
  /** Null: each case's inputs are an object, as `ScoredCase` has them. */
  readonly input_names: null;
};

/** Whether `next` is the case after `last` in the same request and scoring. */
function follows(last: ScoredCase, next: ScoredCase): boolean {
  return (
    next.requestId === last.requestId &&
    next.row === last.row + 1 &&
    next.modelName === last.modelName &&
    next.modelVersion === last.modelVersion &&
    next.time === last.time &&
    next.caller === last.caller &&
    next.clientRequestId === last.clientRequestId
  );
}

/**
 * The audit table's rows for scored cases given one by one (imports, tests, `AuditLog.append`,
 * erasure's rewrite): runs of consecutive cases of one request and scoring become one part each,
 * and consecutive one-case requests that `RequestGroup` admits together one row, as the audit
 * writer makes them.
 *
 * @example
 * partsOfCases([case0, case1]); // one part of two cases when case1 is row 1 of case0's request
 */
export function partsOfCases(cases: readonly ScoredCase[]): AuditPartRow[] {
  const parts: AuditPartRow[] = [];
  const group = new RequestGroup();
  const flush = () => {
    if (group.size === 0) return;
    const g = group.take();
    parts.push({
      request_id: g.requestId,
      first_row: 0,
      cases: g.cases,
      case_id: g.caseId,
      case_ids: g.caseIds,
      model_name: g.modelName,
      model_version: g.modelVersion,
      input_names: null,
      inputs: g.inputs,
      scores: g.scores,
      scored_at: g.time,
      caller: g.caller,
      client_request_id: null,
      requests: g.requests,
    });
  };
  let from = 0;
  for (let at = 1; at <= cases.length; at++) {
    if (at < cases.length && follows(cases[at - 1]!, cases[at]!)) continue;
    const run = cases.slice(from, at);
    from = at;
    const first = run[0]!;
    if (sharesRow(first.requestId, first.row, run.length, first.clientRequestId)) {
      const { requestId, modelName, modelVersion, time, caller } = first;
      if (!group.admits(requestId, modelName, modelVersion, null, time, caller)) flush();
      group.add(
        requestId,
        first.caseId,
        modelName,
        modelVersion,
        null,
        JSON.stringify(first.inputs),
        scoreText(first.score),
        time,
        caller,
      );
      continue;
    }
    flush();
    const { caseId, caseIds } = subjectColumns(run.map((c) => c.caseId));
    parts.push({
      request_id: first.requestId,
      first_row: first.row,
      cases: run.length,
      case_id: caseId,
      case_ids: caseIds,
      model_name: first.modelName,
      model_version: first.modelVersion,
      input_names: null,
      inputs: run.map((c) => JSON.stringify(c.inputs)).join(','),
      scores: run.map((c) => scoreText(c.score)).join(','),
      scored_at: first.time,
      caller: first.caller,
      client_request_id: first.clientRequestId,
      requests: null,
    });
  }
  flush();
  return parts;
}
