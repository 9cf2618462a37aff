import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { openAuditSinkThread } from '../../src/adapters/threads/audit-sink-thread.js';
import type { AuditBatch } from '../../src/ports/audit-sink.js';
import { freePort } from '../setup/free-port.js';
import { auditRequest as request } from '../support/audit-batch.js';
import { freshPostgresDatabase } from './fresh-postgres-database.js';

/** Two batches as one: the parts of both, in order. */
function both(a: AuditBatch, b: AuditBatch): AuditBatch {
  return {
    schemas: a.schemas,
    requestIds: [...a.requestIds, ...b.requestIds],
    modelNames: [...a.modelNames, ...b.modelNames],
    modelVersions: [...a.modelVersions, ...b.modelVersions],
    callers: [...a.callers, ...b.callers],
    clientRequestIds: [...a.clientRequestIds, ...b.clientRequestIds],
    times: [...a.times, ...b.times],
    firstRows: [...a.firstRows, ...b.firstRows],
    caseCounts: [...a.caseCounts, ...b.caseCounts],
    schemaOf: [...a.schemaOf, ...b.schemaOf],
    scores: [...a.scores, ...b.scores],
    caseIds: [...a.caseIds, ...b.caseIds],
    numeric: [...a.numeric, ...b.numeric],
    categorical: [...a.categorical, ...b.categorical],
  };
}

/** The thread sink writes what the audit log then lists, on each database. */
function sinkSuite(name: string, databaseUrl: () => Promise<string>) {
  describe(`the audit writer thread on ${name}`, () => {
    it('writes every case of each batch as one record, with its inputs as scored', async () => {
      const url = await databaseUrl();
      const sink = await openAuditSinkThread(url);
      await sink.write(both(request('a', 3), request('b', 2, 4)));
      await sink.write(request('c', 1));
      await sink.close();
      const log = await openAuditLog(url);
      const cases = (await log.list({ maxResults: 100 })).items;
      await log.close();
      expect(cases).toHaveLength(6);
      expect(cases.filter((c) => c.requestId === 'b').map((c) => [c.row, c.caseId])).toEqual([
        [5, 'b-5'],
        [4, 'b-4'],
      ]);
      expect(cases.find((c) => c.requestId === 'a' && c.row === 1)).toEqual({
        requestId: 'a',
        row: 1,
        caseId: 'a-1',
        modelName: 'consumers-laundering-model',
        modelVersion: '3',
        inputs: { total_outcome_dollar_amount: 101, total_income_dollar_amount: 5, risk_pld: 'HIGH' },
        score: 0.1,
        time: 1_700_000_000_000,
        caller: 'key-7',
        clientRequestId: 'client-a',
      });
      expect(cases.find((c) => c.requestId === 'a' && c.row === 0)?.inputs).toEqual({
        total_outcome_dollar_amount: 100,
        total_income_dollar_amount: null,
        risk_pld: null,
      });
    });

    it('refuses writes after it is closed', async () => {
      const sink = await openAuditSinkThread(await databaseUrl());
      await sink.close();
      await expect(sink.write(request('late', 1))).rejects.toThrow(/closed/);
    });
  });
}

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
const sqliteUrl = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-audit-sink-'));
  dirs.push(dir);
  return `sqlite:${join(dir, 'amlops.db')}`;
};

sinkSuite('SQLite', sqliteUrl);
sinkSuite('PostgreSQL', () => freshPostgresDatabase(inject('postgresUrl')));

describe('the audit writer thread', () => {
  it('two writers on one SQLite file (two serving processes) lose no case', async () => {
    const url = await sqliteUrl();
    const [one, two] = await Promise.all([openAuditSinkThread(url), openAuditSinkThread(url)]);
    const writes = Array.from({ length: 20 }, (_, i) =>
      (i % 2 === 0 ? one : two).write(request(`r${i}`, 250)),
    );
    await Promise.all(writes);
    await Promise.all([one.close(), two.close()]);
    const log = await openAuditLog(url);
    const listed = await log.list({ maxResults: 10_000 });
    await log.close();
    expect(listed.items).toHaveLength(5000);
  });

  it('fails to open with the store’s error, its code kept, when the database cannot be reached', async () => {
    const port = await freePort();
    await expect(openAuditSinkThread(`postgres://amlops@127.0.0.1:${port}/none`)).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: `cannot reach PostgreSQL at 127.0.0.1:${port} (database none, user amlops): connect ECONNREFUSED 127.0.0.1:${port}`,
    });
  });
});
