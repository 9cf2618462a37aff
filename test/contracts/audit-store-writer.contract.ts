import { describe, expect, it } from 'vitest';
import type { CaseOpeningOptions } from '../../src/adapters/sql/sqlite-case-opener.js';
import { sampleDraw } from '../../src/core/cases/index.js';
import type { AuditLog } from '../../src/ports/audit-log.js';
import type { AuditBatch } from '../../src/ports/audit-sink.js';
import type { AuditStoreWriter } from '../../src/ports/audit-store-writer.js';
import type { CaseStore } from '../../src/ports/case-store.js';
import type { FeedbackLog } from '../../src/ports/feedback-log.js';
import { auditRequest } from '../support/audit-batch.js';

/** A writer, the logs and the analysts' cases over the same store; `close` releases them. */
export interface AuditStoreUnderTest {
  readonly writer: AuditStoreWriter;
  readonly log: AuditLog;
  /** The analysts' conclusions, over the same store. */
  readonly feedback: FeedbackLog;
  readonly cases: CaseStore;
  /** Records a model version's alert threshold as `amlops threshold --set` does (its tag). */
  setAlertThreshold(model: string, version: string, threshold: number): Promise<void>;
  close(): Promise<void>;
}

const MODEL = 'consumers-laundering-model';

/**
 * Request ids as the server makes them (UUIDv7): the first four and the last two of one
 * millisecond, in no order within it, the fifth of the next.
 */
const ONE_CASE_IDS = [
  '0190f5c2-7d1e-7a00-8000-00000000000c',
  '0190f5c2-7d1e-7100-8000-00000000000a',
  '0190f5c2-7d1e-7f00-8000-00000000000b',
  '0190f5c2-7d1e-7200-8000-000000000001',
  '0190f5c2-7d1f-7000-8000-000000000002',
  '0190f5c2-7d1e-7300-8000-000000000003',
  '0190f5c2-7d1e-7000-8000-000000000004',
] as const;

/**
 * One-case requests of one spool record, subjects `g-0`…, scores 0.1 apart from 0.2: the third of
 * them scored by version 4, the rest by version 3 at one time, so that they need several rows.
 */
function oneCaseRequests(ids: readonly string[]): AuditBatch {
  const n = ids.length;
  const each = <T>(f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
  return {
    ...auditRequest(ids[0]!, 1),
    requestIds: [...ids],
    modelNames: each(() => MODEL),
    modelVersions: each((i) => (i === 2 ? '4' : '3')),
    callers: each(() => 'key-7'),
    clientRequestIds: each(() => null),
    times: each(() => 1_700_000_000_000),
    firstRows: each(() => 0),
    caseCounts: each(() => 1),
    schemaOf: each(() => 0),
    scores: each((i) => Math.round((0.2 + i * 0.1) * 10) / 10),
    caseIds: each((i) => `g-${i}`),
    numeric: each((i) => [100 + i, 5]).flat(),
    categorical: each(() => 'HIGH'),
  };
}

/**
 * What every `AuditStoreWriter` promises: each case of each batch appended once, its inputs as
 * scored (missing as null, text escaped as needed), with the checkpoint of its source in the same
 * transaction; nothing appended and the checkpoint unmoved when the append fails.
 */
export function auditStoreWriterContract(
  name: string,
  open: (cases?: CaseOpeningOptions) => Promise<AuditStoreUnderTest>,
): void {
  describe(`AuditStoreWriter contract: ${name}`, () => {
    it('appends every case of every batch with its inputs, and moves the checkpoint of its source', async () => {
      const store = await open();
      try {
        expect(await store.writer.checkpointOf('host~1~2~000000')).toBeUndefined();
        await store.writer.append([auditRequest('a', 3), auditRequest('b', 2, 7)], {
          source: 'host~1~2~000000',
          position: 120,
        });
        expect(await store.writer.checkpointOf('host~1~2~000000')).toBe(120);
        const cases = (await store.log.list()).items;
        expect(cases.map((c) => `${c.requestId}/${c.row}`).sort()).toEqual([
          'a/0',
          'a/1',
          'a/2',
          'b/7',
          'b/8',
        ]);
        const a1 = await store.log.findCase({ requestId: 'a', row: 1 });
        expect(a1).toMatchObject({
          caseId: 'a-1',
          modelName: 'consumers-laundering-model',
          modelVersion: '3',
          inputs: { total_outcome_dollar_amount: 101, total_income_dollar_amount: 5, risk_pld: 'HIGH' },
          score: 0.1,
          time: 1_700_000_000_000,
          caller: 'key-7',
          clientRequestId: 'client-a',
        });
        expect((await store.log.findCase({ requestId: 'a', row: 0 }))?.inputs).toEqual({
          total_outcome_dollar_amount: 100,
          total_income_dollar_amount: null,
          risk_pld: null,
        });
        // How many cases it takes best at once: what the spool's reader gathers per append.
        expect(Number.isInteger(store.writer.appendCases) && store.writer.appendCases > 0).toBe(true);
        await store.writer.forgetCheckpoint('host~1~2~000000');
        expect(await store.writer.checkpointOf('host~1~2~000000')).toBeUndefined();
        await expect(store.writer.ping()).resolves.toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('keeps one-case requests of one millisecond together and finds each case by request, subject, page, conclusion and erasure', async () => {
      const store = await open({ thresholdTtlMs: 0 });
      try {
        await store.setAlertThreshold(MODEL, '3', 0.5);
        const batch = oneCaseRequests(ONE_CASE_IDS);
        await store.writer.append([batch], { source: 's', position: 1 });
        const all = (await store.log.list()).items;
        expect(all.map((c) => c.requestId).sort()).toEqual([...ONE_CASE_IDS].sort());
        for (const [i, id] of ONE_CASE_IDS.entries()) {
          const found = await store.log.findCase({ requestId: id, row: 0 });
          expect(found, id).toMatchObject({
            requestId: id,
            row: 0,
            caseId: `g-${i}`,
            score: batch.scores[i],
            modelVersion: batch.modelVersions[i],
            time: batch.times[i],
            inputs: { total_outcome_dollar_amount: 100 + i },
          });
          expect(await store.log.findCase({ requestId: id, row: 1 })).toBeUndefined();
          expect((await store.log.list({ requestId: id })).items.map((c) => c.caseId)).toEqual([`g-${i}`]);
        }
        // Page by page, two at a time: every case once.
        const seen: string[] = [];
        let token: string | undefined;
        do {
          const page = await store.log.list({ maxResults: 2, pageToken: token });
          seen.push(...page.items.map((c) => c.requestId));
          token = page.nextPageToken;
        } while (token);
        expect(seen.sort()).toEqual([...ONE_CASE_IDS].sort());

        // A conclusion on a case inside a row of several requests labels that case's score and inputs.
        await store.feedback.recordFeedback({
          requestId: ONE_CASE_IDS[5]!,
          row: 0,
          caseId: null,
          conclusion: 'ROI',
          label: 1,
          time: 1_700_000_000_500,
          analyst: 'ana',
        });
        expect(await store.log.labelledScores()).toEqual([
          { modelName: MODEL, modelVersion: '3', score: batch.scores[5], label: 1 },
        ]);
        expect((await store.log.labelledInputs()).map((c) => c.inputs.total_outcome_dollar_amount)).toEqual([
          105,
        ]);

        // Cases opened from such a row, concluded, give the inputs they were scored on.
        const opened = (await store.cases.list()).items;
        expect(opened.map((c) => c.subject).sort()).toEqual(['g-3', 'g-4', 'g-5', 'g-6']);
        const g6 = opened.find((c) => c.subject === 'g-6')!;
        expect(g6.requestId).toBe(ONE_CASE_IDS[6]);
        await store.cases.conclude({ id: g6.id, conclusion: 'ROI', label: 1, note: '', by: 'ana', at: 2 });
        expect(
          (await store.cases.concluded()).map((c) => [
            c.subject,
            c.requestId,
            c.inputs.total_outcome_dollar_amount,
          ]),
        ).toEqual([['g-6', ONE_CASE_IDS[6], 106]]);

        // A subject's records, then its erasure: the row is rewritten without it, the others found as before.
        expect((await store.log.subjectRecords('g-1')).cases.map((c) => c.requestId)).toEqual([
          ONE_CASE_IDS[1],
        ]);
        expect((await store.log.eraseSubject('g-1', 'dpo', 3)).cases).toBe(1);
        expect(await store.log.findCase({ requestId: ONE_CASE_IDS[1]!, row: 0 })).toBeUndefined();
        for (const [i, id] of ONE_CASE_IDS.entries())
          if (i !== 1)
            expect((await store.log.findCase({ requestId: id, row: 0 }))?.caseId, id).toBe(`g-${i}`);
        expect(await store.log.labelledScores()).toHaveLength(2);
      } finally {
        await store.close();
      }
    });

    it('keeps text as it was: tabs, newlines, backslashes, quotes and non-ASCII in ids and categories', async () => {
      const store = await open();
      try {
        const odd = 'tab\there\nnew line \\ back "quoted" é 漢';
        const batch = { ...auditRequest('odd', 1), caseIds: [odd], categorical: [odd], callers: [odd] };
        // And in a part of two cases, whose subjects are a JSON array.
        const two = {
          ...auditRequest('odd-two', 2),
          caseIds: [`${odd}1`, `${odd}2`],
          categorical: [odd, `\\${odd}`],
        };
        await store.writer.append([batch, two], { source: 's', position: 1 });
        const found = await store.log.findCase({ caseId: odd });
        expect(found?.inputs.risk_pld).toBe(odd);
        expect(found?.caller).toBe(odd);
        const second = await store.log.findCase({ requestId: 'odd-two', row: 1 });
        expect(second?.caseId).toBe(`${odd}2`);
        expect(second?.inputs.risk_pld).toBe(`\\${odd}`);
        expect((await store.log.findCase({ caseId: `${odd}1` }))?.inputs.risk_pld).toBe(odd);
      } finally {
        await store.close();
      }
    });

    it('appends nothing and leaves the checkpoint where it was when the append fails', async () => {
      const store = await open();
      try {
        await store.writer.append([auditRequest('first', 1)], { source: 's', position: 10 });
        // A case without a request id breaks the table's constraint half-way through the batch.
        const broken = { ...auditRequest('second', 2), requestIds: [null as unknown as string] };
        await expect(
          store.writer.append([auditRequest('ok', 2), broken], { source: 's', position: 20 }),
        ).rejects.toThrow();
        expect(await store.writer.checkpointOf('s')).toBe(10);
        expect((await store.log.list()).items.map((c) => c.requestId)).toEqual(['first']);
      } finally {
        await store.close();
      }
    });
    it("opens a case for each scored case at or above its version's alert threshold, none for a version without one", async () => {
      const store = await open({ thresholdTtlMs: 0 });
      try {
        await store.setAlertThreshold(MODEL, '3', 0.5);
        // Scores 0, 0.1 … 0.9 of version 3 (threshold 0.5), then of version 4 (no threshold).
        const unthresholded = { ...auditRequest('b', 10), modelVersions: ['4'] };
        await store.writer.append([auditRequest('a', 10), unthresholded], { source: 's', position: 1 });
        const { items } = await store.cases.list();
        expect(items.map((c) => [c.subject, c.score, c.state, c.sampled, c.modelVersion])).toEqual(
          [9, 8, 7, 6, 5].map((i) => [`a-${i}`, i / 10, 'open', false, '3']),
        );
        const top = items[0]!;
        expect(top).toMatchObject({
          requestId: 'a',
          row: 9,
          threshold: 0.5,
          scores: 1,
          openedAt: 1_700_000_000_000,
        });
        expect(await store.cases.scoresOf(top.id)).toEqual([
          expect.objectContaining({ requestId: 'a', row: 9, score: 0.9, sampled: false, modelVersion: '3' }),
        ]);
        expect(await store.cases.activeCounts()).toEqual({ open: 5, in_review: 0 });
      } finally {
        await store.close();
      }
    });

    it('opens one case per subject while it is open: later alerts attach to it; once concluded, the next alert opens another', async () => {
      const store = await open({ thresholdTtlMs: 0 });
      try {
        await store.setAlertThreshold(MODEL, '3', 0.5);
        const ofSubject = (requestId: string, subject: string) => ({
          ...auditRequest(requestId, 10),
          caseIds: Array(10).fill(subject),
          times: [requestId === 'later' ? 1_700_000_100_000 : 1_700_000_000_000],
        });
        await store.writer.append([ofSubject('first', 'U1')], { source: 's', position: 1 });
        await store.writer.append([ofSubject('later', 'U1')], { source: 's', position: 2 });
        const [only, ...others] = (await store.cases.list()).items;
        expect(others).toEqual([]);
        expect(only).toMatchObject({ subject: 'U1', requestId: 'first', row: 5, score: 0.9, scores: 10 });
        expect(only!.lastScoredAt).toBe(1_700_000_100_000);
        expect((await store.cases.scoresOf(only!.id)).map((s) => `${s.requestId}#${s.row}`)).toEqual(
          [5, 6, 7, 8, 9].flatMap((r) => [`first#${r}`]).concat([5, 6, 7, 8, 9].map((r) => `later#${r}`)),
        );
        await store.cases.conclude({
          id: only!.id,
          conclusion: 'CLOSED_NO_ROI',
          label: 0,
          note: '',
          by: 'ana',
          at: 1,
        });
        await store.writer.append([ofSubject('again', 'U1')], { source: 's', position: 3 });
        const cases = await store.cases.subjectCases('U1');
        expect(cases.map((c) => [c.requestId, c.state])).toEqual([
          ['again', 'open'],
          ['first', 'concluded'],
        ]);
      } finally {
        await store.close();
      }
    });

    it('samples the configured share of below-threshold cases, marked sampled, the same cases on every run', async () => {
      const store = await open({ thresholdTtlMs: 0, sampleRate: 0.5 });
      try {
        await store.setAlertThreshold(MODEL, '3', 0.95);
        const batch = { ...auditRequest('r', 200), scores: Array(200).fill(0.1) };
        await store.writer.append([batch], { source: 's', position: 1 });
        const expected = Array.from({ length: 200 }, (_, row) => row).filter(
          (row) => sampleDraw('r', row) < 0.5,
        );
        expect(expected.length).toBeGreaterThan(70);
        expect(expected.length).toBeLessThan(130);
        const { items } = await store.cases.list({ maxResults: 1000, sort: 'age' });
        expect(items.map((c) => c.row).sort((a, b) => a - b)).toEqual(expected);
        expect(items.every((c) => c.sampled)).toBe(true);
      } finally {
        await store.close();
      }
    });

    it('opens no case when the append fails: cases are exactly once with their scored cases', async () => {
      const store = await open({ thresholdTtlMs: 0 });
      try {
        await store.setAlertThreshold(MODEL, '3', 0.5);
        const broken = { ...auditRequest('second', 2), requestIds: [null as unknown as string] };
        await expect(
          store.writer.append([auditRequest('ok', 10), broken], { source: 's', position: 20 }),
        ).rejects.toThrow();
        expect((await store.cases.list()).items).toEqual([]);
        // The writer retries the same records from the checkpoint: each case opens once.
        await store.writer.append([auditRequest('ok', 10)], { source: 's', position: 20 });
        expect((await store.cases.list()).items.map((c) => c.row)).toEqual([9, 8, 7, 6, 5]);
      } finally {
        await store.close();
      }
    });
  });
}
