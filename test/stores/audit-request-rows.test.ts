import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { timeOrderedId } from '../../src/adapters/ids/time-ordered-id.js';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { openAuditStoreWriter } from '../../src/adapters/sql/audit-open-writer.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import type { ScoredCase, ScoredWindow } from '../../src/ports/audit-log.js';
import type { AuditBatch } from '../../src/ports/audit-sink.js';
import { auditRequest } from '../support/audit-batch.js';
import { freshPostgresDatabase } from './fresh-postgres-database.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const T = 1_700_000_000_000;

/** `n` one-case requests made and scored in millisecond `time`, as a serving process records them. */
function oneCaseBatch(n: number, time: number): AuditBatch {
  const each = <V>(f: (i: number) => V) => Array.from({ length: n }, (_, i) => f(i));
  return {
    ...auditRequest('x', 1),
    requestIds: each(() => timeOrderedId(time)),
    modelNames: each(() => 'consumers-laundering-model'),
    modelVersions: each(() => '3'),
    callers: each(() => 'key-7'),
    clientRequestIds: each(() => null),
    times: each(() => time),
    firstRows: each(() => 0),
    caseCounts: each(() => 1),
    schemaOf: each(() => 0),
    scores: each((i) => i / 100),
    caseIds: each((i) => `u-${i}`),
    numeric: each((i) => [i, 1]).flat(),
    categorical: each(() => 'LOW'),
  };
}

/** The rows of the audit table, and the cases its view gives. */
async function readBack(url: string) {
  const database = await openSqlDatabase(url);
  try {
    const rows = await sql<{
      cases: unknown;
      requests: string | null;
      input_names: string | null;
      inputs: string;
    }>`select cases, requests, input_names, inputs from audit_parts order by id`.execute(database.db);
    const view = await sql<{
      request_id: string;
      row_index: unknown;
      case_id: string;
      score: unknown;
      inputs: unknown;
    }>`select request_id, row_index, case_id, score, inputs from audit_predictions`.execute(database.db);
    return {
      rows: rows.rows.map((r) => ({ cases: Number(r.cases), listed: r.requests !== null })),
      texts: rows.rows.map((r) => ({ inputNames: r.input_names, inputs: r.inputs })),
      view: view.rows.map((r) => ({
        ...r,
        row_index: Number(r.row_index),
        score: Number(r.score),
        inputs: JSON.parse(String(r.inputs)) as unknown,
      })),
    };
  } finally {
    await database.close();
  }
}

const stores: [string, () => Promise<string>][] = [
  [
    'SQLite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'amlops-request-rows-'));
      dirs.push(dir);
      return `sqlite:${join(dir, 'amlops.db')}`;
    },
  ],
  ['PostgreSQL', () => freshPostgresDatabase(inject('postgresUrl'))],
];

for (const [name, freshUrl] of stores)
  describe(`rows of several one-case requests on ${name}`, () => {
    it("the writer keeps a record's one-case requests of one millisecond in one row; the view gives each case", async () => {
      const url = await freshUrl();
      const writer = await openAuditStoreWriter(url);
      const batch = oneCaseBatch(64, T);
      try {
        // The next millisecond, and a request of two cases, each start rows of their own.
        await writer.append([batch, oneCaseBatch(3, T + 1), auditRequest('two-cases', 2)], {
          source: 's',
          position: 1,
        });
      } finally {
        await writer.close();
      }
      const { rows, texts, view } = await readBack(url);
      expect(rows).toEqual([
        { cases: 64, listed: true },
        { cases: 3, listed: true },
        { cases: 2, listed: false },
      ]);
      const first = view.filter((c) => c.case_id.startsWith('u-')).slice(0, 64);
      expect(first.map((c) => c.request_id).sort()).toEqual([...batch.requestIds].sort());
      for (const c of first) {
        const i = batch.requestIds.indexOf(c.request_id);
        expect(c).toMatchObject({ row_index: 0, case_id: `u-${i}`, score: i / 100 });
      }
      expect(view.filter((c) => c.request_id === 'two-cases').map((c) => c.row_index)).toEqual([0, 1]);
      // Each case's inputs are its values, their names once per row; the view names them again.
      expect(texts[2]).toEqual({
        inputNames: '["total_outcome_dollar_amount","total_income_dollar_amount","risk_pld"]',
        inputs: '[100,null,null],[101,5,"HIGH"]',
      });
      expect(texts[0]!.inputs.startsWith('[0,1,"LOW"],[1,1,"LOW"],')).toBe(true);
      expect(view.filter((c) => c.request_id === 'two-cases').map((c) => c.inputs)).toEqual([
        { total_outcome_dollar_amount: 100, total_income_dollar_amount: null, risk_pld: null },
        { total_outcome_dollar_amount: 101, total_income_dollar_amount: 5, risk_pld: 'HIGH' },
      ]);
    });

    it('keeps together the one-case requests of one millisecond across the records of a spool file', async () => {
      const url = await freshUrl();
      const writer = await openAuditStoreWriter(url);
      try {
        // Three turns of a serving process's event loop in one millisecond, then one in the next.
        const records = [oneCaseBatch(5, T), oneCaseBatch(4, T), oneCaseBatch(7, T), oneCaseBatch(2, T + 1)];
        await writer.append(records, { source: 's', position: 1 });
      } finally {
        await writer.close();
      }
      const { rows, view } = await readBack(url);
      expect(rows).toEqual([
        { cases: 16, listed: true },
        { cases: 2, listed: true },
      ]);
      expect(view).toHaveLength(18);
    });

    it('appending scored cases groups them the same way; ids that are not UUIDs keep a row each', async () => {
      const url = await freshUrl();
      const log = await openAuditLog(url);
      const scored = (requestId: string, i: number): ScoredCase => ({
        requestId,
        row: 0,
        caseId: `s-${i}`,
        modelName: 'consumers-laundering-model',
        modelVersion: '3',
        inputs: { a: i },
        score: i / 10,
        time: T,
        caller: '',
        clientRequestId: null,
      });
      try {
        const ids = Array.from({ length: 5 }, () => timeOrderedId(T));
        await log.append([...ids.map(scored), scored('req-1', 5), scored('req-2', 6)]);
        expect((await readBack(url)).rows).toEqual([
          { cases: 5, listed: true },
          { cases: 1, listed: false },
          { cases: 1, listed: false },
        ]);
        for (const [i, id] of [...ids, 'req-1', 'req-2'].entries())
          expect((await log.findCase({ requestId: id, row: 0 }))?.inputs).toEqual({ a: i });
      } finally {
        await log.close();
      }
    });

    it('reads rows of values with their names and rows of objects alike: cases and the live window', async () => {
      const url = await freshUrl();
      const writer = await openAuditStoreWriter(url);
      try {
        // And, later, a request whose version has other columns (never so from one model version,
        // but readable): a live window over both reads its chunk by list of names.
        const other = {
          ...auditRequest('other', 1),
          times: [T + 5],
          schemas: [{ numericColumns: ['total_outcome_dollar_amount'], categoricalColumns: ['risk_pld'] }],
          numeric: [50],
          categorical: ['MEDIUM'],
        };
        await writer.append([auditRequest('written', 3), other], { source: 's', position: 1 });
      } finally {
        await writer.close();
      }
      const log = await openAuditLog(url);
      try {
        // Cases appended one by one keep an object each (as rows written before migration 0018 do).
        await log.append(
          [0, 1].map((row) => ({
            requestId: 'appended',
            row,
            caseId: `a-${row}`,
            modelName: 'consumers-laundering-model',
            modelVersion: '3',
            inputs: {
              total_outcome_dollar_amount: 7 + row,
              total_income_dollar_amount: null,
              risk_pld: 'LOW',
            },
            score: 0.5,
            time: T,
            caller: 'key-7',
            clientRequestId: null,
          })),
        );
        const texts = (await readBack(url)).texts;
        expect(texts.map((t) => t.inputNames === null)).toEqual([false, false, true]);
        expect((await log.findCase({ requestId: 'other', row: 0 }))?.inputs).toEqual({
          total_outcome_dollar_amount: 50,
          risk_pld: 'MEDIUM',
        });
        expect((await log.findCase({ requestId: 'written', row: 2 }))?.inputs).toEqual({
          total_outcome_dollar_amount: 102,
          total_income_dollar_amount: null,
          risk_pld: 'HIGH',
        });
        const query = { modelName: 'consumers-laundering-model', modelVersion: '3', since: T, limit: 100 };
        const amountsOf = (window: ScoredWindow) => {
          const amounts = window.inputs.get('total_outcome_dollar_amount');
          return amounts?.kind === 'numeric' && Array.from(amounts.values).sort((a, b) => a - b);
        };
        const labelsOf = (window: ScoredWindow) => {
          const risk = window.inputs.get('risk_pld');
          return risk?.kind === 'categorical' && [...risk.labels].sort();
        };
        // One list of names and rows of objects.
        const first = await log.scoredWindow({ ...query, until: T + 1 });
        expect(first.rows).toBe(5);
        expect(amountsOf(first)).toEqual([7, 8, 100, 101, 102]);
        expect(labelsOf(first)).toEqual(['HIGH', 'LOW']);
        // Two lists of names and rows of objects.
        const window = await log.scoredWindow({ ...query, until: T + 10 });
        expect(window.rows).toBe(6);
        expect(amountsOf(window)).toEqual([7, 8, 50, 100, 101, 102]);
        expect(labelsOf(window)).toEqual(['HIGH', 'LOW', 'MEDIUM']);
        const cut = await log.scoredWindow({
          modelName: 'consumers-laundering-model',
          modelVersion: '3',
          since: T,
          until: T + 10,
          limit: 3,
        });
        expect(cut.rows).toBe(3);
        expect(cut.total).toBe(6);
      } finally {
        await log.close();
      }
    });
  });
