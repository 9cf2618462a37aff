import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { openFeedbackLog } from '../../src/adapters/sql/feedback-open-log.js';
import type { AuditLog, ScoredCase } from '../../src/ports/audit-log.js';
import type { FeedbackLog } from '../../src/ports/feedback-log.js';
import type { PostgresServer } from '../setup/postgres-server.js';
import { freshPostgresDatabase } from '../stores/fresh-postgres-database.js';

/**
 * Case `i`: request `r<i/10>`, row `i%10`. Requests r2k and r2k+1 were sent with the same
 * X-Request-Id `client-k` (a client reusing its id), except those whose number ends in 0 or 5 (none).
 */
function scored(i: number, overrides: Partial<ScoredCase> = {}): ScoredCase {
  const request = Math.floor(i / 10);
  return {
    requestId: `r${request}`,
    row: i % 10,
    caseId: `C-${i}`,
    modelName: 'consumers-laundering-model',
    modelVersion: i < 1200 ? '1' : '2',
    inputs: { total_income_dollar_amount: i, total_outcome_dollar_amount: null, risk_pld: 'HIGH' },
    score: i / 2000,
    time: 1_000_000 + i,
    caller: 'key-1',
    clientRequestId: request % 5 === 0 ? null : `client-${Math.floor(request / 2)}`,
    ...overrides,
  };
}

/** The audit log's behaviour, run on each database. */
function auditLogSuite(
  name: string,
  open: () => Promise<{ log: AuditLog; feedback: FeedbackLog; close: () => Promise<void> }>,
) {
  describe(`the SQL audit log on ${name}`, () => {
    let log: AuditLog;
    let feedback: FeedbackLog;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ log, feedback, close } = await open());
      await log.append(Array.from({ length: 1500 }, (_, i) => scored(i)));
    });
    afterAll(() => close());

    it('appends cases in batches larger than one insert and lists them newest first, page by page', async () => {
      const first = await log.list({ maxResults: 1000 });
      expect(first.items).toHaveLength(1000);
      expect(first.items[0]).toEqual(scored(1499));
      const second = await log.list({ maxResults: 1000, pageToken: first.nextPageToken! });
      expect(second.items).toHaveLength(500);
      expect(second.nextPageToken).toBeUndefined();
      expect(second.items.at(-1)).toEqual(scored(0));
    });

    it('filters by model version, request, case and time', async () => {
      expect((await log.list({ modelVersion: '2', maxResults: 10_000 })).items).toHaveLength(300);
      expect((await log.list({ requestId: 'r7' })).items.map((c) => c.row)).toEqual([
        9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
      ]);
      expect((await log.list({ caseId: 'C-42' })).items).toEqual([scored(42)]);
      expect((await log.list({ since: 1_000_100, until: 1_000_110 })).items).toHaveLength(10);
    });

    it('filters by score, both bounds inclusive, with the other filters and across pages', async () => {
      // Case i scored i / 2000: 0.5 to 0.505 are cases 1000 to 1010.
      const range = await log.list({ minScore: 0.5, maxScore: 0.505, maxResults: 100 });
      expect(range.items.map((c) => c.caseId)).toEqual(Array.from({ length: 11 }, (_, k) => `C-${1010 - k}`));
      expect((await log.list({ minScore: 0.7, maxResults: 10_000 })).items).toHaveLength(100);
      expect((await log.list({ maxScore: 0.0005 })).items.map((c) => c.score)).toEqual([0.0005, 0]);
      expect((await log.list({ minScore: 0.6, modelVersion: '1', maxResults: 10_000 })).items).toHaveLength(
        0,
      );
      const first = await log.list({ minScore: 0.5, maxScore: 0.505, maxResults: 6 });
      const second = await log.list({
        minScore: 0.5,
        maxScore: 0.505,
        maxResults: 6,
        pageToken: first.nextPageToken!,
      });
      expect([...first.items, ...second.items].map((c) => c.row)).toEqual([0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      expect(second.nextPageToken).toBeUndefined();
      expect((await log.list({ minScore: 0.6, maxScore: 0.5 })).items).toEqual([]);
    });

    it("keeps a client's X-Request-Id apart from the request id, null when it sent none, and finds its cases by it", async () => {
      // r12 and r13 were both sent as client-6: two requests, two keys, one client id.
      const reused = (await log.list({ clientRequestId: 'client-6' })).items;
      expect(reused.map((c) => `${c.requestId}#${c.row}`)).toEqual([
        ...Array.from({ length: 10 }, (_, k) => `r13#${9 - k}`),
        ...Array.from({ length: 10 }, (_, k) => `r12#${9 - k}`),
      ]);
      expect(reused.every((c) => c.clientRequestId === 'client-6')).toBe(true);
      expect(await log.findCase({ requestId: 'r12', row: 3 })).toEqual(scored(123));
      // r10 was sent without one: stored as null, and r11 alone answers to client-5.
      expect((await log.findCase({ requestId: 'r10', row: 0 }))?.clientRequestId).toBeNull();
      expect(
        new Set((await log.list({ clientRequestId: 'client-5' })).items.map((c) => c.requestId)),
      ).toEqual(new Set(['r11']));
      expect((await log.list({ clientRequestId: 'nobody' })).items).toEqual([]);
    });

    it('finds a case by request and row or by case id (its latest scoring)', async () => {
      expect(await log.findCase({ requestId: 'r3', row: 4 })).toEqual(scored(34));
      await log.append([scored(34, { requestId: 'again', row: 0, score: 0.5, time: 3_000_000 })]);
      expect((await log.findCase({ caseId: 'C-34' }))?.requestId).toBe('again');
      expect(await log.findCase({ requestId: 'r3', row: 99 })).toBeUndefined();
    });

    it('keeps feedback and deletes what is older than the retention', async () => {
      await feedback.recordFeedback({
        requestId: 'r1',
        row: 2,
        caseId: 'C-12',
        conclusion: 'CLOSED_NO_ROI',
        label: 0,
        time: 1_000_050,
        analyst: 'ana',
      });
      await feedback.recordFeedback({
        requestId: null,
        row: null,
        caseId: 'C-13',
        conclusion: 'X',
        label: 1,
        time: 2_000_000,
        analyst: '',
      });
      expect((await feedback.listFeedback()).map((f) => [f.caseId, f.label, f.row])).toEqual([
        ['C-12', 0, 2],
        ['C-13', 1, null],
      ]);
      expect(await log.deleteOlderThan(1_000_100)).toBe(100);
      expect((await log.list({ maxResults: 10_000 })).items).toHaveLength(1401);
      expect((await feedback.listFeedback()).map((f) => f.caseId)).toEqual(['C-13']);
    });

    it('keeps the order and values of a batch that is not a whole number of multi-row inserts', async () => {
      const odd = Array.from({ length: 257 }, (_, i) =>
        scored(i, {
          requestId: `odd-${Math.floor(i / 10)}`,
          caseId: i % 3 === 0 ? null : `O-${i}`,
          time: 4_000_000 + i,
        }),
      );
      await log.append(odd);
      const listed = await log.list({ since: 4_000_000, until: 4_001_000, maxResults: 1000 });
      expect(listed.items).toEqual([...odd].reverse());
    });

    it('lists newest first by time of scoring, whatever order the records reached the store in, also across pages', async () => {
      const model = 'late-spool-model';
      // A worker's spool written after another's: earlier scorings stored later, three in one millisecond.
      await log.append(
        [5, 6, 7].map((t) => scored(t, { modelName: model, requestId: `w1-${t}`, time: 9_000_000 + t })),
      );
      await log.append(
        [1, 2, 2, 2, 9].map((t, i) =>
          scored(t, { modelName: model, requestId: `w2-${i}`, time: 9_000_000 + t }),
        ),
      );
      const times: number[] = [];
      let pageToken: string | undefined;
      do {
        const page = await log.list({ modelName: model, maxResults: 2, ...(pageToken ? { pageToken } : {}) });
        times.push(...page.items.map((c) => c.time - 9_000_000));
        pageToken = page.nextPageToken;
      } while (pageToken);
      expect(times).toEqual([9, 7, 6, 5, 2, 2, 2, 1]);
    });

    it('refuses a page token it did not give', async () => {
      await expect(log.list({ pageToken: 'garbage' })).rejects.toMatchObject({ code: 'USAGE' });
    });

    it('gives each concluded case once, with the label of its latest conclusion and its latest scoring', async () => {
      const at = (i: number) => 5_000_000 + i;
      const fb = (requestId: string, row: number, label: 0 | 1, time: number) =>
        feedback.recordFeedback({
          requestId,
          row,
          caseId: null,
          conclusion: label ? 'REPORTED' : 'CLOSED_NO_ROI',
          label,
          time,
          analyst: 'ana',
        });
      await log.append([
        scored(0, { requestId: 'fb-a', row: 0, modelVersion: '7', score: 0.9, time: at(0) }),
        scored(0, { requestId: 'fb-a', row: 1, modelVersion: '7', score: 0.2, time: at(1) }),
        scored(0, { requestId: 'fb-b', row: 0, modelVersion: '8', score: 0.6, time: at(2) }),
        scored(0, { requestId: 'fb-c', row: 0, modelVersion: '7', score: 0.4, time: at(3) }), // no feedback
      ]);
      await fb('fb-a', 0, 0, at(10));
      await fb('fb-a', 0, 1, at(11)); // revised: the later conclusion counts
      await fb('fb-a', 1, 0, at(12));
      await fb('fb-b', 0, 1, at(13));
      await fb('fb-b', 0, 0, at(13)); // same time: the one recorded last counts
      const all = await log.labelledScores({ since: at(0) });
      expect(all.map((c) => [c.modelVersion, c.score, c.label])).toEqual([
        ['7', 0.9, 1],
        ['7', 0.2, 0],
        ['8', 0.6, 0],
      ]);
      expect((await log.labelledScores({ modelVersion: '8' })).map((c) => c.score)).toEqual([0.6]);
      expect(await log.labelledScores({ since: at(0), until: at(1) })).toHaveLength(1);
      // A request id stored twice (records from before request ids were always the server's, when a
      // client's X-Request-Id became it): the feedback is on its latest scoring, counted once.
      await log.append([
        scored(0, { requestId: 'fb-a', row: 1, modelVersion: '8', score: 0.3, time: at(20) }),
      ]);
      // In the order the conclusions arrived (the port promises no order of cases).
      const latest = (await log.labelledScores({ since: at(0) })).map((c) => [c.modelVersion, c.score]);
      expect(latest).toHaveLength(3);
      expect(latest).toEqual(
        expect.arrayContaining([
          ['7', 0.9],
          ['8', 0.6],
          ['8', 0.3],
        ]),
      );
    });

    it('lists the conclusions on one case, by its request id and row, oldest first', async () => {
      const conclude = (requestId: string | null, row: number | null, conclusion: string, time: number) =>
        feedback.recordFeedback({ requestId, row, caseId: null, conclusion, label: 1, time, analyst: 'ana' });
      await conclude('cf-a', 0, 'FIRST', 6_000_001);
      await conclude('cf-a', 1, 'OTHER ROW', 6_000_002);
      await conclude('cf-b', 0, 'OTHER REQUEST', 6_000_003);
      await conclude('cf-a', 0, 'REVISED', 6_000_004);
      await conclude(null, null, 'BY CASE ID ONLY', 6_000_005);
      const onCase = await feedback.listFeedback({ requestId: 'cf-a', row: 0 });
      expect(onCase.map((f) => [f.conclusion, f.time])).toEqual([
        ['FIRST', 6_000_001],
        ['REVISED', 6_000_004],
      ]);
      expect((await feedback.listFeedback({ requestId: 'cf-a', row: 1 })).map((f) => f.conclusion)).toEqual([
        'OTHER ROW',
      ]);
      expect(await feedback.listFeedback({ requestId: 'cf-a', row: 2 })).toEqual([]);
    });

    it("gives a subject's records, and erases them on request, keeping who erased how many and a hash of the subject", async () => {
      const subject = (i: number, requestId: string, time: number) =>
        scored(i, { caseId: 'S-1', requestId, row: 0, time, caller: 'scorer' });
      await log.append([subject(5000, 'subject-a', 4_000_000), subject(5001, 'subject-b', 4_000_001)]);
      await log.append([scored(5002, { caseId: 'S-2', requestId: 'subject-c', row: 0, time: 4_000_002 })]);
      const conclude = (requestId: string | null, caseId: string | null, time: number) =>
        feedback.recordFeedback({
          requestId,
          row: requestId === null ? null : 0,
          caseId,
          conclusion: 'CLOSED_WITH_ROI',
          label: 1,
          time,
          analyst: 'ana',
        });
      await conclude(null, 'S-1', 4_000_010);
      await conclude('subject-b', null, 4_000_011);
      await conclude('subject-c', 'S-2', 4_000_012);
      const records = await log.subjectRecords('S-1');
      expect(records.cases.map((c) => c.requestId)).toEqual(['subject-a', 'subject-b']);
      expect(records.conclusions.map((f) => f.time)).toEqual([4_000_010, 4_000_011]);

      const erased = await log.eraseSubject('S-1', 'dpo', 4_100_000);
      expect(erased).toEqual({
        subjectHash: createHash('sha256').update('S-1').digest('hex'),
        at: 4_100_000,
        by: 'dpo',
        cases: 2,
        conclusions: 2,
      });
      expect(await log.subjectRecords('S-1')).toEqual({ subject: 'S-1', cases: [], conclusions: [] });
      const other = await log.subjectRecords('S-2');
      expect([other.cases.length, other.conclusions.length]).toEqual([1, 1]);
      expect(await log.eraseSubject('S-1', 'dpo', 4_200_000)).toMatchObject({ cases: 0, conclusions: 0 });
      expect((await log.listErasures()).map((e) => [e.by, e.cases, e.at])).toEqual([
        ['dpo', 2, 4_100_000],
        ['dpo', 0, 4_200_000],
      ]);
    });

    it('reads and erases cases kept together as one part of a request, case by case', async () => {
      // Consecutive cases of one request scored at once are stored as one part.
      const part = (row: number, caseId: string | null) =>
        scored(7000 + row, {
          requestId: 'multi',
          row,
          caseId,
          time: 7_000_000,
          clientRequestId: 'multi-client',
        });
      const subjects = ['M-1', 'M-2', 'M-1', null, 'M-3'];
      await log.append(subjects.map((caseId, row) => part(row, caseId)));
      const pages: number[][] = [];
      let pageToken: string | undefined;
      do {
        const page = await log.list({
          requestId: 'multi',
          maxResults: 2,
          ...(pageToken ? { pageToken } : {}),
        });
        pages.push(page.items.map((c) => c.row));
        pageToken = page.nextPageToken;
      } while (pageToken);
      expect(pages).toEqual([[4, 3], [2, 1], [0]]);
      expect((await log.list({ caseId: 'M-1' })).items.map((c) => c.row)).toEqual([2, 0]);
      expect(
        (await log.list({ clientRequestId: 'multi-client', minScore: part(2, null).score })).items.map(
          (c) => c.row,
        ),
      ).toEqual([4, 3, 2]);
      expect(await log.findCase({ requestId: 'multi', row: 3 })).toEqual(part(3, null));
      expect(await log.findCase({ caseId: 'M-1' })).toEqual(part(2, 'M-1'));
      expect((await log.subjectRecords('M-1')).cases).toEqual([part(0, 'M-1'), part(2, 'M-1')]);
      await feedback.recordFeedback({
        requestId: 'multi',
        row: 2,
        caseId: null,
        conclusion: 'X',
        label: 1,
        time: 7_000_001,
        analyst: 'ana',
      });

      expect(await log.eraseSubject('M-1', 'dpo', 7_100_000)).toMatchObject({ cases: 2, conclusions: 1 });
      expect(await log.subjectRecords('M-1')).toEqual({ subject: 'M-1', cases: [], conclusions: [] });
      expect(await log.findCase({ caseId: 'M-1' })).toBeUndefined();
      expect(await log.findCase({ requestId: 'multi', row: 0 })).toBeUndefined();
      // The subject's neighbours keep their rows and values.
      expect((await log.list({ requestId: 'multi' })).items).toEqual([
        part(4, 'M-3'),
        part(3, null),
        part(1, 'M-2'),
      ]);
      expect(await log.findCase({ caseId: 'M-2' })).toEqual(part(1, 'M-2'));
    });
  });
}

auditLogSuite('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-audit-'));
  const log = await openAuditLog(`sqlite:${join(dir, 'amlops.db')}`);
  const feedback = await openFeedbackLog(`sqlite:${join(dir, 'amlops.db')}`);
  return {
    log,
    feedback,
    close: async () => {
      await feedback.close();
      await log.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

auditLogSuite('PostgreSQL', async () => {
  // The global setup starts PostgreSQL only for store tests; run alone, this file starts its own.
  let server: PostgresServer | undefined;
  let admin = inject('postgresUrl');
  if (!admin) {
    const { startPostgresServer } = await import('../setup/postgres-server.js');
    server = await startPostgresServer();
    admin = server.url;
  }
  const url = await freshPostgresDatabase(admin);
  const log = await openAuditLog(url);
  const feedback = await openFeedbackLog(url);
  return {
    log,
    feedback,
    close: async () => {
      await feedback.close();
      await log.close();
      await server?.stop();
    },
  };
});
