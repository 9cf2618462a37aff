import type { AuditBatch } from '../../src/ports/audit-sink.js';

/**
 * Cases `firstRow…` of request `requestId` (two amounts, one label), as a one-part batch; the
 * client's `X-Request-Id` is `client-<requestId>`.
 */
export function auditRequest(requestId: string, cases: number, firstRow = 0): AuditBatch {
  const rows = Array.from({ length: cases }, (_, i) => i);
  return {
    schemas: [
      {
        numericColumns: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
        categoricalColumns: ['risk_pld'],
      },
    ],
    requestIds: [requestId],
    modelNames: ['consumers-laundering-model'],
    modelVersions: ['3'],
    callers: ['key-7'],
    clientRequestIds: [`client-${requestId}`],
    times: [1_700_000_000_000],
    firstRows: [firstRow],
    caseCounts: [cases],
    schemaOf: [0],
    scores: rows.map((i) => i / 10),
    caseIds: rows.map((i) => `${requestId}-${firstRow + i}`),
    numeric: rows.flatMap((i) => [100 + i, i % 2 === 0 ? Number.NaN : 5]),
    categorical: rows.map((i) => (i === 0 ? null : 'HIGH')),
  };
}
