import type { AuditBatch } from '../../src/ports/audit-sink.js';

/**
 * `requests` requests of `perRequest` cases, as one spool record, scored at `time`; their ids are
 * UUIDv7 as the server makes them, of that millisecond.
 */
export function auditRecord(first: number, requests: number, perRequest: number, time: number): AuditBatch {
  const n = requests * perRequest;
  const scores = new Array<number>(n);
  const caseIds = new Array<string | null>(n);
  const numeric = new Array<number>(2 * n);
  const categorical = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const k = first * perRequest + i;
    scores[i] = (k % 997) / 997;
    caseIds[i] = `user-${k % 500_000}`;
    numeric[2 * i] = 1000 + (k % 7919) * 1.25;
    numeric[2 * i + 1] = k % 11 === 0 ? Number.NaN : 20 + (k % 101);
    categorical[i] = k % 13 === 0 ? null : (['LOW', 'MEDIUM', 'HIGH'] as const)[k % 3]!;
  }
  const per = <T>(f: (r: number) => T) => Array.from({ length: requests }, (_, r) => f(r));
  const hex = time.toString(16).padStart(12, '0');
  const millisecond = `${hex.slice(0, 8)}-${hex.slice(8, 12)}`;
  return {
    schemas: [
      {
        numericColumns: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
        categoricalColumns: ['risk_pld'],
      },
    ],
    requestIds: per((r) => `${millisecond}-7000-8000-${String(first + r).padStart(12, '0')}`),
    modelNames: per(() => 'consumers-laundering-model'),
    modelVersions: per(() => '3'),
    callers: per(() => 'key-7'),
    clientRequestIds: per(() => null),
    times: per(() => time),
    firstRows: per(() => 0),
    caseCounts: per(() => perRequest),
    schemaOf: per(() => 0),
    scores,
    caseIds,
    numeric,
    categorical,
  };
}
