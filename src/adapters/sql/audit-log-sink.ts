import type { AuditLog, ScoredCase } from '../../ports/audit-log.js';
import type { AuditBatch, AuditSink } from '../../ports/audit-sink.js';

/**
 * The audit records of a batch: one per case, its inputs as scored by column (missing amounts as
 * null).
 *
 * @example
 * scoredCasesOf(batch).length; // batch.scores.length
 */
export function scoredCasesOf(batch: AuditBatch): ScoredCase[] {
  const cases: ScoredCase[] = [];
  let numericAt = 0;
  let categoricalAt = 0;
  for (let part = 0; part < batch.requestIds.length; part++) {
    const { numericColumns, categoricalColumns } = batch.schemas[batch.schemaOf[part]!]!;
    for (let i = 0; i < batch.caseCounts[part]!; i++) {
      const at = cases.length;
      const inputs: Record<string, string | number | null> = {};
      for (const name of numericColumns) {
        const v = batch.numeric[numericAt++]!;
        inputs[name] = Number.isNaN(v) ? null : v;
      }
      for (const name of categoricalColumns) inputs[name] = batch.categorical[categoricalAt++] ?? null;
      cases.push({
        requestId: batch.requestIds[part]!,
        row: batch.firstRows[part]! + i,
        caseId: batch.caseIds[at] ?? null,
        modelName: batch.modelNames[part]!,
        modelVersion: batch.modelVersions[part]!,
        inputs,
        score: batch.scores[at]!,
        time: batch.times[part]!,
        caller: batch.callers[part]!,
        clientRequestId: batch.clientRequestIds[part] ?? null,
      });
    }
  }
  return cases;
}

/**
 * An audit sink that appends to `log` on the calling thread; `close` closes the log when `owned`.
 *
 * @example
 * const sink = auditLogSink(await openAuditLog(url), { owned: true });
 */
export function auditLogSink(
  log: Pick<AuditLog, 'append' | 'close'>,
  options: { owned: boolean },
): AuditSink {
  return {
    write: (batch) => log.append(scoredCasesOf(batch)),
    close: async () => {
      if (options.owned) await log.close();
    },
  };
}
