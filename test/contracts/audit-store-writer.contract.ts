import { describe, expect, it } from 'vitest';
import type { CaseOpeningOptions } from '../../src/adapters/sql/sqlite-case-opener.js';
import { sampleDraw } from '../../src/core/cases/index.js';
import type { AuditLog } from '../../src/ports/audit-log.js';
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
        await store.writer.forgetCheckpoint('host~1~2~000000');
        expect(await store.writer.checkpointOf('host~1~2~000000')).toBeUndefined();
        await expect(store.writer.ping()).resolves.toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('keeps text as it was: tabs, newlines, backslashes, quotes and non-ASCII in ids and categories', async () => {
      const store = await open();
      try {
        const odd = 'tab\there\nnew line \\ back "quoted" é 漢';
        const batch = { ...auditRequest('odd', 1), caseIds: [odd], categorical: [odd], callers: [odd] };
        await store.writer.append([batch], { source: 's', position: 1 });
        const found = await store.log.findCase({ caseId: odd });
        expect(found?.inputs.risk_pld).toBe(odd);
        expect(found?.caller).toBe(odd);
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
