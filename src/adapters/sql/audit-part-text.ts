import type { AuditBatch, AuditSchema } from '../../ports/audit-sink.js';
import { RequestGroup, sharesRow } from './audit-request-group.js';

/**
 * The column values of one row of the audit table, in its column order: a request part
 * (consecutive cases of one request under one model version), or several one-case requests of one
 * spool record (`requests` lists their ids, see `RequestGroup`). `inputs` and `scores` are JSON
 * lists of the row's cases (a JSON array's elements without its brackets, see `jsonListOf`),
 * `caseId` the subject of a row of one case, `caseIds` the subjects of a row of several (a JSON
 * array, null when none has one).
 */
export type AuditPartVisitor = (
  requestId: string,
  firstRow: number,
  cases: number,
  caseId: string | null,
  caseIds: string | null,
  modelName: string,
  modelVersion: string,
  inputs: string,
  scores: string,
  time: number,
  caller: string,
  clientRequestId: string | null,
  requests: string | null,
) => void;

/** The audit table's columns, in the order `forEachAuditPart` gives them. */
export const AUDIT_PART_COLUMNS = [
  'request_id',
  'first_row',
  'cases',
  'case_id',
  'case_ids',
  'model_name',
  'model_version',
  'inputs',
  'scores',
  'scored_at',
  'caller',
  'client_request_id',
  'requests',
] as const;

/** Per schema's columns, the text before each input's value: `{"a":`, `,"b":`, … */
const prefixesOf = new Map<string, string[]>();

function prefixes(schema: AuditSchema): string[] {
  // By the columns' names: every record read back from a spool file has schema objects of its own.
  const key = `${schema.numericColumns.join('\u0000')}\u0001${schema.categoricalColumns.join('\u0000')}`;
  let found = prefixesOf.get(key);
  if (!found) {
    const names = [...schema.numericColumns, ...schema.categoricalColumns];
    found = names.map((name, i) => `${i === 0 ? '{' : ','}${JSON.stringify(name)}:`);
    if (prefixesOf.size < 1000) prefixesOf.set(key, found);
  }
  return found;
}

/**
 * The array a JSON list column (`inputs`, `scores`) holds: the columns keep the elements without
 * the brackets, so that the database joins many parts' lists into one with a comma (what the live
 * window reader reads a million cases with) without a function call per row.
 *
 * @example
 * jsonListOf('{"a":1},{"a":2}'); // '[{"a":1},{"a":2}]'
 */
export function jsonListOf(list: string): string {
  return `[${list}]`;
}

/** A score as JSON: non-finite ones (never served) as null. */
export function scoreText(score: number): string {
  return Number.isFinite(score) ? String(score) : 'null';
}

/**
 * The `case_id` and `case_ids` columns of a part whose cases have the subjects `ids`: the subject
 * of a part of one case in `case_id` (indexed), the subjects of a larger part as a JSON array
 * (null when none has one).
 *
 * @example
 * subjectColumns(['u1']); // { caseId: 'u1', caseIds: null }
 * subjectColumns(['u1', null]); // { caseId: null, caseIds: '["u1",null]' }
 */
export function subjectColumns(ids: readonly (string | null)[]): {
  caseId: string | null;
  caseIds: string | null;
} {
  if (ids.length === 1) return { caseId: ids[0] ?? null, caseIds: null };
  return {
    caseId: null,
    caseIds: ids.some((id) => id !== null && id !== undefined) ? JSON.stringify(ids) : null,
  };
}

/**
 * Gives `visit` each row of the batches of an append (in order, the records of one spool file), as
 * the audit table keeps it: see `AuditRows`.
 *
 * @example
 * forEachAuditPart(batches, (requestId, firstRow, cases, ...rest) => rows.push([requestId, firstRow, cases, ...rest]));
 */
export function forEachAuditPart(batches: readonly AuditBatch[], visit: AuditPartVisitor): void {
  const rows = new AuditRows(visit);
  for (const batch of batches) rows.add(batch);
  rows.finish();
}

/**
 * Turns batches into the audit table's rows, given to `visit`: the inputs of a row's cases as one
 * JSON list of objects (`{"amount":12.5,"risk_pld":"HIGH"},…`, missing and non-finite amounts as
 * null), built from the batches' flat arrays without an object per case; a request part per row,
 * and consecutive one-case requests that `RequestGroup` admits together in one row, across the
 * records of a spool file (a serving process writes one record per turn of its event loop, several
 * per millisecond under load). Few rows are what lets the writers append several hundred thousand
 * cases a second, at one case per request as at a thousand. `finish` gives the last row.
 *
 * @example
 * const rows = new AuditRows(visit);
 * for (const batch of batches) rows.add(batch);
 * rows.finish();
 */
export class AuditRows {
  readonly #visit: AuditPartVisitor;
  readonly #group = new RequestGroup();
  /** Categories repeat: each is quoted once per append. */
  readonly #quoted = new Map<string, string>();

  constructor(visit: AuditPartVisitor) {
    this.#visit = visit;
  }

  /** Gives the rows of `batch`; its last one-case requests may wait for the next batch's. */
  add(batch: AuditBatch): void {
    const group = this.#group;
    const quoted = this.#quoted;
    let numericAt = 0;
    let categoricalAt = 0;
    let at = 0;
    let lastSchema: AuditSchema | undefined;
    let keys: string[] = [];
    for (let part = 0; part < batch.requestIds.length; part++) {
      const count = batch.caseCounts[part]!;
      const schema = batch.schemas[batch.schemaOf[part]!]!;
      if (schema !== lastSchema) {
        lastSchema = schema;
        keys = prefixes(schema);
      }
      const numeric = schema.numericColumns.length;
      const width = keys.length;
      if (count === 0) continue;
      let inputs = '';
      let scores = '';
      const first = at;
      for (let i = 0; i < count; i++, at++) {
        if (i > 0) {
          inputs += ',';
          scores += ',';
        }
        if (width === 0) inputs += '{}';
        for (let k = 0; k < numeric; k++) {
          const v = batch.numeric[numericAt++]!;
          inputs += keys[k]! + (Number.isFinite(v) ? String(v) : 'null');
        }
        for (let k = numeric; k < width; k++) {
          const c = batch.categorical[categoricalAt++];
          let text = 'null';
          if (c !== null && c !== undefined) {
            text = quoted.get(c) ?? JSON.stringify(c);
            if (quoted.size < 10_000) quoted.set(c, text);
          }
          inputs += keys[k]! + text;
        }
        if (width > 0) inputs += '}';
        scores += scoreText(batch.scores[at]!);
      }
      const requestId = batch.requestIds[part]!;
      const firstRow = batch.firstRows[part]!;
      const modelName = batch.modelNames[part]!;
      const modelVersion = batch.modelVersions[part]!;
      const time = batch.times[part]!;
      const caller = batch.callers[part]!;
      const client = batch.clientRequestIds[part] ?? null;
      if (sharesRow(requestId, firstRow, count, client)) {
        if (!group.admits(requestId, modelName, modelVersion, time, caller)) this.finish();
        group.add(
          requestId,
          batch.caseIds[first] ?? null,
          modelName,
          modelVersion,
          inputs,
          scores,
          time,
          caller,
        );
        continue;
      }
      this.finish();
      const { caseId, caseIds } = subjectColumns(batch.caseIds.slice(first, at));
      this.#visit(
        requestId,
        firstRow,
        count,
        caseId,
        caseIds,
        modelName,
        modelVersion,
        inputs,
        scores,
        time,
        caller,
        client,
        null,
      );
    }
  }

  /** Gives the row of the one-case requests still collected, if any. */
  finish(): void {
    if (this.#group.size === 0) return;
    const g = this.#group.take();
    this.#visit(
      g.requestId,
      0,
      g.cases,
      g.caseId,
      g.caseIds,
      g.modelName,
      g.modelVersion,
      g.inputs,
      g.scores,
      g.time,
      g.caller,
      null,
      g.requests,
    );
  }
}
