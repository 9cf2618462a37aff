import type { AuditBatch, AuditSchema } from '../../ports/audit-sink.js';
import { RequestGroup, sharesRow } from './audit-request-group.js';

/**
 * The column values of one row of the audit table: a request part (consecutive cases of one
 * request under one model version), or several one-case requests (`requests` lists their ids, see
 * `RequestGroup`). `inputs` and `scores` are JSON lists of the row's cases (a JSON array's elements
 * without its brackets, see `jsonListOf`), each case's inputs an array of values in the order of
 * `inputNames` (a JSON array), `caseId` the subject of a row of one case, `caseIds` the subjects of
 * a row of several (a JSON array, null when none has one).
 */
export interface AuditRowValues {
  readonly requestId: string;
  readonly firstRow: number;
  readonly cases: number;
  readonly caseId: string | null;
  readonly caseIds: string | null;
  readonly modelName: string;
  readonly modelVersion: string;
  readonly inputNames: string | null;
  readonly inputs: string;
  readonly scores: string;
  readonly time: number;
  readonly caller: string;
  readonly clientRequestId: string | null;
  readonly requests: string | null;
}

/** Takes each row `AuditRows` makes. */
export type AuditPartVisitor = (row: AuditRowValues) => void;

/** The audit table's columns, in the order of `AUDIT_ROW_FIELDS`. */
export const AUDIT_PART_COLUMNS = [
  'request_id',
  'first_row',
  'cases',
  'case_id',
  'case_ids',
  'model_name',
  'model_version',
  'input_names',
  'inputs',
  'scores',
  'scored_at',
  'caller',
  'client_request_id',
  'requests',
] as const;

/** The fields of `AuditRowValues` that fill `AUDIT_PART_COLUMNS`, in the same order. */
export const AUDIT_ROW_FIELDS = [
  'requestId',
  'firstRow',
  'cases',
  'caseId',
  'caseIds',
  'modelName',
  'modelVersion',
  'inputNames',
  'inputs',
  'scores',
  'time',
  'caller',
  'clientRequestId',
  'requests',
] as const satisfies readonly (keyof AuditRowValues)[];

/** Per schema's columns, their names as a JSON array: the rows' `input_names`. */
const namesTextOf = new Map<string, string>();

function namesText(schema: AuditSchema): string {
  // By the columns' names: schemas of batches read back are objects of their own.
  const key = `${schema.numericColumns.join('\u0000')}\u0001${schema.categoricalColumns.join('\u0000')}`;
  let found = namesTextOf.get(key);
  if (!found) {
    found = JSON.stringify([...schema.numericColumns, ...schema.categoricalColumns]);
    if (namesTextOf.size < 1000) namesTextOf.set(key, found);
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
 * forEachAuditPart(batches, (row) => rows.push(row));
 */
export function forEachAuditPart(batches: readonly AuditBatch[], visit: AuditPartVisitor): void {
  const rows = new AuditRows(visit);
  for (const batch of batches) rows.add(batch);
  rows.finish();
}

/**
 * Turns batches into the audit table's rows, given to `visit`: the inputs of a row's cases as one
 * JSON list of arrays of values (`[12.5,"HIGH"],…`, missing and non-finite amounts as null), their
 * columns' names once in `inputNames` (`["amount","risk_pld"]`), built from the batches' flat
 * arrays without an object per case; a request part per row, and consecutive one-case requests
 * that `RequestGroup` admits together in one row, across the records of a spool file (a serving
 * process writes one record per turn of its event loop, several per millisecond under load). Few
 * rows, and few bytes per case, are what let the writers append several hundred thousand cases a
 * second, at one case per request as at a thousand. `finish` gives the last row.
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
    let names = '';
    for (let part = 0; part < batch.requestIds.length; part++) {
      const count = batch.caseCounts[part]!;
      const schema = batch.schemas[batch.schemaOf[part]!]!;
      if (schema !== lastSchema) {
        lastSchema = schema;
        names = namesText(schema);
      }
      const numeric = schema.numericColumns.length;
      const width = numeric + schema.categoricalColumns.length;
      if (count === 0) continue;
      let inputs = '';
      let scores = '';
      const first = at;
      for (let i = 0; i < count; i++, at++) {
        if (i > 0) {
          inputs += ',[';
          scores += ',';
        } else inputs += '[';
        for (let k = 0; k < numeric; k++) {
          const v = batch.numeric[numericAt++]!;
          if (k > 0) inputs += ',';
          inputs += Number.isFinite(v) ? String(v) : 'null';
        }
        for (let k = numeric; k < width; k++) {
          const c = batch.categorical[categoricalAt++];
          let text = 'null';
          if (c !== null && c !== undefined) {
            text = quoted.get(c) ?? JSON.stringify(c);
            if (quoted.size < 10_000) quoted.set(c, text);
          }
          inputs += k > 0 ? `,${text}` : text;
        }
        inputs += ']';
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
        if (!group.admits(requestId, modelName, modelVersion, names, time, caller)) this.finish();
        group.add(
          requestId,
          batch.caseIds[first] ?? null,
          modelName,
          modelVersion,
          names,
          inputs,
          scores,
          time,
          caller,
        );
        continue;
      }
      this.finish();
      const { caseId, caseIds } = subjectColumns(batch.caseIds.slice(first, at));
      this.#visit({
        requestId,
        firstRow,
        cases: count,
        caseId,
        caseIds,
        modelName,
        modelVersion,
        inputNames: names,
        inputs,
        scores,
        time,
        caller,
        clientRequestId: client,
        requests: null,
      });
    }
  }

  /** Gives the row of the one-case requests still collected, if any. */
  finish(): void {
    if (this.#group.size === 0) return;
    this.#visit(this.#group.take());
  }
}
