import type { ScoringContract } from '../core/scoring/scoring-contract.js';
import type { AuditBatch, AuditSchema } from '../ports/audit-sink.js';
import type { AuditEntry } from './audit-entry.js';

/**
 * Collects scored cases into one `AuditBatch`, copying their values into flat arrays as they come,
 * so that the requests themselves can be collected at once.
 *
 * @example
 * const builder = new AuditBatchBuilder();
 * builder.add(entry, 0, entry.input.rowCount);
 * await sink.write(builder.batch);
 */
export class AuditBatchBuilder {
  readonly #schemaIndex = new Map<ScoringContract, number>();
  readonly #batch = {
    schemas: [] as AuditSchema[],
    requestIds: [] as string[],
    modelNames: [] as string[],
    modelVersions: [] as string[],
    callers: [] as string[],
    clientRequestIds: [] as (string | null)[],
    times: [] as number[],
    firstRows: [] as number[],
    caseCounts: [] as number[],
    schemaOf: [] as number[],
    scores: [] as number[],
    caseIds: [] as (string | null)[],
    numeric: [] as number[],
    categorical: [] as (string | null)[],
  };
  #cases = 0;

  /** Cases added so far. */
  get cases(): number {
    return this.#cases;
  }

  /** The batch of the cases added so far. */
  get batch(): AuditBatch {
    return this.#batch;
  }

  /** Adds cases `[start, end)` of a scored request. */
  add(entry: AuditEntry, start: number, end: number): void {
    const b = this.#batch;
    const { input, contract } = entry;
    b.requestIds.push(entry.requestId);
    b.modelNames.push(entry.modelName);
    b.modelVersions.push(entry.modelVersion);
    b.callers.push(entry.caller);
    b.clientRequestIds.push(entry.clientRequestId);
    b.times.push(entry.time);
    b.firstRows.push(start);
    b.caseCounts.push(end - start);
    b.schemaOf.push(this.#schemaOf(contract));
    for (let row = start; row < end; row++) {
      b.scores.push(entry.scores[row]!);
      b.caseIds.push(input.ids?.[row] ?? null);
      for (const column of input.numeric) b.numeric.push(column[row]!);
      // As sent: a label the model never saw is audited, though scored as missing.
      for (const column of input.categoricalAsSent ?? input.categorical)
        b.categorical.push(column[row] ?? null);
    }
    this.#cases += end - start;
  }

  #schemaOf(contract: ScoringContract): number {
    let index = this.#schemaIndex.get(contract);
    if (index === undefined) {
      index = this.#batch.schemas.length;
      this.#batch.schemas.push({
        numericColumns: contract.numeric,
        categoricalColumns: contract.categorical.map((c) => c.column),
      });
      this.#schemaIndex.set(contract, index);
    }
    return index;
  }
}
