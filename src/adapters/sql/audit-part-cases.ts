import type { Selectable } from 'kysely';
import type { ScoredCase } from '../../ports/audit-log.js';
import { caseInputs, inputNamesOf } from './audit-case-inputs.js';
import { jsonListOf } from './audit-part-text.js';
import { requestIdsOfRow } from './audit-request-group.js';
import type { AuditTables } from './audit-tables.js';

/** A row of the audit table as read: one request part. */
export type AuditPartRecord = Selectable<AuditTables['audit_parts']>;

/**
 * The subject of each case of a part, in row order: the part's `case_id` for a part of one case,
 * else the elements of its `case_ids` (nulls when it has none).
 *
 * @example
 * subjectsOfPart({ cases: 2, case_id: null, case_ids: '["u1",null]', … }); // ['u1', null]
 */
export function subjectsOfPart(
  part: Pick<AuditPartRecord, 'cases' | 'case_id' | 'case_ids'>,
): (string | null)[] {
  const cases = Number(part.cases);
  if (cases === 1) return [part.case_id];
  if (part.case_ids === null) return new Array<string | null>(cases).fill(null);
  return JSON.parse(part.case_ids) as (string | null)[];
}

/**
 * The scored cases of a row, in order: its arrays read back into one `ScoredCase` each (of its
 * request from `first_row` on, or of the requests it lists, row 0 of each).
 *
 * @example
 * casesOfPart(row).map((c) => c.row); // [row.first_row, row.first_row + 1, …]
 */
export function casesOfPart(part: AuditPartRecord): ScoredCase[] {
  const inputs = JSON.parse(jsonListOf(part.inputs)) as unknown[];
  const names = inputNamesOf(part.input_names);
  const scores = JSON.parse(jsonListOf(part.scores)) as (number | null)[];
  const subjects = subjectsOfPart(part);
  const firstRow = Number(part.first_row);
  const time = Number(part.scored_at);
  const requests = part.requests === null ? undefined : requestIdsOfRow(part);
  return inputs.map((values, i) => ({
    requestId: requests ? requests[i]! : part.request_id,
    row: requests ? 0 : firstRow + i,
    caseId: subjects[i] ?? null,
    modelName: part.model_name,
    modelVersion: part.model_version,
    inputs: caseInputs(values, names),
    score: Number(scores[i]),
    time,
    caller: part.caller,
    clientRequestId: part.client_request_id,
  }));
}
