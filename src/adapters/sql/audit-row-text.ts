import type { AuditBatch, AuditSchema } from '../../ports/audit-sink.js';

/** The column values of one audited case, in the audit table's column order. */
export type AuditRowVisitor = (
  requestId: string,
  row: number,
  caseId: string | null,
  modelName: string,
  modelVersion: string,
  inputs: string,
  score: number,
  time: number,
  caller: string,
  clientRequestId: string | null,
) => void;

/** The audit table's columns, in the order `forEachAuditRow` gives them. */
export const AUDIT_ROW_COLUMNS = [
  'request_id',
  'row_index',
  'case_id',
  'model_name',
  'model_version',
  'inputs',
  'score',
  'scored_at',
  'caller',
  'client_request_id',
] as const;

/** Per schema, the text before each input's value: `{"a":`, `,"b":`, … */
const prefixesOf = new WeakMap<AuditSchema, string[]>();

function prefixes(schema: AuditSchema): string[] {
  let found = prefixesOf.get(schema);
  if (!found) {
    const names = [...schema.numericColumns, ...schema.categoricalColumns];
    found = names.map((name, i) => `${i === 0 ? '{' : ','}${JSON.stringify(name)}:`);
    prefixesOf.set(schema, found);
  }
  return found;
}

/**
 * Gives `visit` each case of a batch as the audit table keeps it, its inputs as one JSON object
 * text (`{"amount":12.5,"risk_pld":"HIGH"}`, missing and non-finite amounts as null), built from
 * the batch's flat arrays without an object per case: what the writers append at a few hundred
 * thousand cases a second.
 *
 * @example
 * forEachAuditRow(batch, (requestId, row, caseId, ...rest) => rows.push([requestId, row, caseId, ...rest]));
 */
export function forEachAuditRow(batch: AuditBatch, visit: AuditRowVisitor): void {
  let numericAt = 0;
  let categoricalAt = 0;
  let at = 0;
  /** Categories repeat: each is quoted once per batch. */
  const quoted = new Map<string, string>();
  for (let part = 0; part < batch.requestIds.length; part++) {
    const schema = batch.schemas[batch.schemaOf[part]!]!;
    const keys = prefixes(schema);
    const numeric = schema.numericColumns.length;
    const width = keys.length;
    const requestId = batch.requestIds[part]!;
    const modelName = batch.modelNames[part]!;
    const modelVersion = batch.modelVersions[part]!;
    const time = batch.times[part]!;
    const caller = batch.callers[part]!;
    const clientRequestId = batch.clientRequestIds[part] ?? null;
    const firstRow = batch.firstRows[part]!;
    for (let i = 0; i < batch.caseCounts[part]!; i++, at++) {
      let inputs = width === 0 ? '{}' : '';
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
      visit(
        requestId,
        firstRow + i,
        batch.caseIds[at] ?? null,
        modelName,
        modelVersion,
        inputs,
        batch.scores[at]!,
        time,
        caller,
        clientRequestId,
      );
    }
  }
}
