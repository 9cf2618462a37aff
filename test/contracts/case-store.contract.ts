import { describe, expect, it } from 'vitest';
import type { CaseOpeningOptions } from '../../src/adapters/sql/sqlite-case-opener.js';
import type { AuditBatch } from '../../src/ports/audit-sink.js';
import { auditRequest } from '../support/audit-batch.js';
import type { AuditStoreUnderTest } from './audit-store-writer.contract.js';

const MODEL = 'consumers-laundering-model';

/** Request `id`'s cases with these scores, subjects and scoring time. */
function scored(id: string, scores: number[], subjects: (string | null)[], time: number): AuditBatch {
  return { ...auditRequest(id, scores.length), scores, caseIds: subjects, times: [time] };
}

/**
 * What every `CaseStore` promises, over cases its store's audit writer opened: the queue ranked by
 * score or age and filtered by state, assignment and conclusion with who and when (a conclusion
 * also recording its label as feedback on the case's scored cases, in one transaction), refusals
 * that change nothing, the concluded cases with their inputs for training, and erasure with the
 * subject.
 */
export function caseStoreContract(
  name: string,
  open: (cases?: CaseOpeningOptions) => Promise<AuditStoreUnderTest>,
): void {
  describe(`CaseStore contract: ${name}`, () => {
    /** A store with cases of scores 0.9 (U1, oldest), 0.6 (U2), 0.8 (U3, newest) and 0.7 (no subject). */
    async function withCases(): Promise<AuditStoreUnderTest> {
      const store = await open({ thresholdTtlMs: 0 });
      await store.setAlertThreshold(MODEL, '3', 0.5);
      await store.writer.append([scored('r1', [0.9, 0.1], ['U1', 'U9'], 1000)], { source: 's', position: 1 });
      await store.writer.append([scored('r2', [0.6], ['U2'], 2000)], { source: 's', position: 2 });
      await store.writer.append([scored('r3', [0.8, 0.7], ['U3', null], 3000)], { source: 's', position: 3 });
      return store;
    }

    it('ranks the queue by score or by age, filters by state and pages', async () => {
      const store = await withCases();
      try {
        const subjects = (items: readonly { subject: string | null }[]) => items.map((c) => c.subject);
        expect(subjects((await store.cases.list()).items)).toEqual(['U1', 'U3', null, 'U2']);
        expect(subjects((await store.cases.list({ sort: 'age' })).items)).toEqual(['U1', 'U2', 'U3', null]);
        const first = await store.cases.list({ maxResults: 3 });
        expect(subjects(first.items)).toEqual(['U1', 'U3', null]);
        const second = await store.cases.list({ maxResults: 3, pageToken: first.nextPageToken! });
        expect(subjects(second.items)).toEqual(['U2']);
        expect(second.nextPageToken).toBeUndefined();
        const byAge = await store.cases.list({ sort: 'age', maxResults: 2 });
        expect(
          subjects((await store.cases.list({ sort: 'age', pageToken: byAge.nextPageToken! })).items),
        ).toEqual(['U3', null]);
        const u3 = (await store.cases.list({ subject: 'U3' })).items[0]!;
        await store.cases.assign({ id: u3.id, assignee: 'ana', by: 'lead', at: 5000 });
        expect(subjects((await store.cases.list({ states: ['open'] })).items)).toEqual(['U1', null, 'U2']);
        expect(subjects((await store.cases.list({ states: ['in_review'] })).items)).toEqual(['U3']);
        expect(await store.cases.activeCounts()).toEqual({ open: 3, in_review: 1 });
        await expect(store.cases.list({ pageToken: 'nonsense' })).rejects.toMatchObject({ code: 'USAGE' });
      } finally {
        await store.close();
      }
    });

    it('assigns a case with who and when; refuses an unknown or concluded case, changing nothing', async () => {
      const store = await withCases();
      try {
        const top = (await store.cases.list()).items[0]!;
        const taken = await store.cases.assign({ id: top.id, assignee: 'ana', by: 'lead', at: 5000 });
        expect(taken).toMatchObject({
          state: 'in_review',
          assignee: 'ana',
          assignedBy: 'lead',
          assignedAt: 5000,
        });
        await expect(
          store.cases.assign({ id: 999_999, assignee: 'x', by: 'x', at: 1 }),
        ).rejects.toMatchObject({
          code: 'CASE_NOT_FOUND',
        });
        await store.cases.conclude({
          id: top.id,
          conclusion: 'CLOSED_NO_ROI',
          label: 0,
          note: 'ok',
          by: 'ana',
          at: 6000,
        });
        await expect(
          store.cases.assign({ id: top.id, assignee: 'bo', by: 'bo', at: 7000 }),
        ).rejects.toMatchObject({
          code: 'CASE_ALREADY_CONCLUDED',
        });
        expect(await store.cases.get(top.id)).toMatchObject({ assignee: 'ana', state: 'concluded' });
      } finally {
        await store.close();
      }
    });

    it('concludes a case with its label recorded as feedback on its scored cases, once: a second conclusion changes nothing', async () => {
      const store = await withCases();
      try {
        const top = (await store.cases.list()).items[0]!;
        const done = await store.cases.conclude({
          id: top.id,
          conclusion: 'REPORTED_TO_AUTHORITY',
          label: 1,
          note: 'structuring',
          by: 'ana',
          at: 6000,
        });
        expect(done).toMatchObject({
          state: 'concluded',
          conclusion: 'REPORTED_TO_AUTHORITY',
          label: 1,
          note: 'structuring',
          concludedBy: 'ana',
          concludedAt: 6000,
        });
        expect(await store.feedback.listFeedback()).toEqual([
          {
            requestId: 'r1',
            row: 0,
            caseId: 'U1',
            conclusion: 'REPORTED_TO_AUTHORITY',
            label: 1,
            time: 6000,
            analyst: 'ana',
          },
        ]);
        expect(await store.log.labelledScores()).toEqual([
          { modelName: MODEL, modelVersion: '3', score: 0.9, label: 1 },
        ]);
        await expect(
          store.cases.conclude({
            id: top.id,
            conclusion: 'CLOSED_NO_ROI',
            label: 0,
            note: '',
            by: 'bo',
            at: 7000,
          }),
        ).rejects.toMatchObject({ code: 'CASE_ALREADY_CONCLUDED' });
        await expect(
          store.cases.conclude({
            id: 424_242,
            conclusion: 'CLOSED_NO_ROI',
            label: 0,
            note: '',
            by: 'bo',
            at: 7000,
          }),
        ).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
        expect(await store.cases.get(top.id)).toEqual(done);
        expect(await store.feedback.listFeedback()).toHaveLength(1);
        expect((await store.cases.list()).items.map((c) => c.subject)).toEqual(['U3', null, 'U2']);
        expect((await store.cases.list({ states: ['concluded'] })).items.map((c) => c.id)).toEqual([top.id]);
      } finally {
        await store.close();
      }
    });

    it('gives the concluded cases with the inputs of their latest score, from a date, for training', async () => {
      const store = await withCases();
      try {
        // A second alert of U1, later: its inputs stand for the case.
        await store.writer.append([scored('r4', [0.95], ['U1'], 4000)], { source: 's', position: 4 });
        const [u1, u2] = (await store.cases.list({ sort: 'age' })).items;
        for (const [c, conclusion, label] of [
          [u1!, 'CLOSED_WITH_ROI', 1],
          [u2!, 'CLOSED_NO_ROI', 0],
        ] as const)
          await store.cases.conclude({ id: c.id, conclusion, label, note: '', by: 'ana', at: 9000 });
        expect([u1!.subject, u2!.subject]).toEqual(['U1', 'U2']);
        const all = await store.cases.concluded();
        expect(all.map((c) => [c.subject, `${c.requestId}#${c.row}`, c.conclusion, c.label])).toEqual([
          ['U1', 'r4#0', 'CLOSED_WITH_ROI', 1],
          ['U2', 'r2#0', 'CLOSED_NO_ROI', 0],
        ]);
        expect(all[0]!.inputs).toEqual({
          total_outcome_dollar_amount: 100,
          total_income_dollar_amount: null,
          risk_pld: null,
        });
        expect((await store.cases.concluded({ since: 1500 })).map((c) => c.subject)).toEqual(['U2']);
      } finally {
        await store.close();
      }
    });

    it('finds the case not yet concluded that a scored case is attached to', async () => {
      const store = await withCases();
      try {
        const u1 = (await store.cases.list({ subject: 'U1' })).items[0]!;
        expect(await store.cases.activeCaseOf({ requestId: 'r1', row: 0 })).toEqual(u1);
        // Below the threshold: attached to no case.
        expect(await store.cases.activeCaseOf({ requestId: 'r1', row: 1 })).toBeUndefined();
        expect(await store.cases.activeCaseOf({ requestId: 'nope', row: 0 })).toBeUndefined();
        await store.cases.conclude({
          id: u1.id,
          conclusion: 'CLOSED_NO_ROI',
          label: 0,
          note: '',
          by: 'ana',
          at: 6000,
        });
        expect(await store.cases.activeCaseOf({ requestId: 'r1', row: 0 })).toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('retention removes the cases concluded before the cutoff whose scores are all older; the queue keeps every open case', async () => {
      const store = await withCases();
      try {
        const [u1, u2] = (await store.cases.list({ sort: 'age' })).items;
        await store.cases.conclude({
          id: u1!.id,
          conclusion: 'CLOSED_NO_ROI',
          label: 0,
          note: '',
          by: 'ana',
          at: 2500,
        });
        // Concluded after the cutoff: kept.
        await store.cases.conclude({
          id: u2!.id,
          conclusion: 'CLOSED_NO_ROI',
          label: 0,
          note: '',
          by: 'ana',
          at: 9000,
        });
        await store.log.deleteOlderThan(3000);
        expect(await store.cases.get(u1!.id)).toBeUndefined();
        expect(await store.cases.scoresOf(u1!.id)).toEqual([]);
        expect(await store.cases.get(u2!.id)).toMatchObject({ state: 'concluded' });
        expect((await store.cases.list()).items.map((c) => c.subject)).toEqual(['U3', null]);
        // Everything older than any score: the open cases stay, with their attached scores.
        await store.log.deleteOlderThan(100_000);
        expect((await store.cases.list()).items.map((c) => c.subject)).toEqual(['U3', null]);
        const u3 = (await store.cases.list({ subject: 'U3' })).items[0]!;
        expect(await store.cases.scoresOf(u3.id)).toHaveLength(1);
        expect(await store.cases.get(u2!.id)).toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it("erases a subject's cases with its scored cases", async () => {
      const store = await withCases();
      try {
        await store.log.eraseSubject('U1', 'dpo', 10_000);
        expect(await store.cases.subjectCases('U1')).toEqual([]);
        expect((await store.cases.list()).items.map((c) => c.subject)).toEqual(['U3', null, 'U2']);
      } finally {
        await store.close();
      }
    });

    it('counts the cases opened per UTC day, alerted and sampled apart, with the concluded and the laundering among them', async () => {
      // Every case below the threshold is sampled.
      const store = await open({ thresholdTtlMs: 0, sampleRate: 1 });
      try {
        await store.setAlertThreshold(MODEL, '3', 0.5);
        const at = (iso: string) => Date.parse(iso);
        await store.writer.append([scored('d1', [0.9, 0.1], ['A1', 'A2'], at('2026-12-01T23:59:59.999Z'))], {
          source: 's',
          position: 1,
        });
        await store.writer.append([scored('d2', [0.8, 0.7], ['B1', null], at('2026-12-02T00:00:00.000Z'))], {
          source: 's',
          position: 2,
        });
        await store.writer.append([scored('d3', [0.6], ['C1'], at('2026-12-03T12:00:00.000Z'))], {
          source: 's',
          position: 3,
        });
        const bySubject = async (subject: string) => (await store.cases.list({ subject })).items[0]!;
        for (const [subject, label] of [
          ['A1', 1],
          ['A2', 1],
          ['B1', 0],
        ] as const)
          await store.cases.conclude({
            id: (await bySubject(subject)).id,
            conclusion: label === 1 ? 'CLOSED_WITH_ROI' : 'CLOSED_NO_ROI',
            label,
            note: '',
            by: 'ana',
            at: at('2026-12-05T09:00:00.000Z'),
          });
        const none = { sampled: 0, sampledConcluded: 0, sampledPositive: 0 };
        const december = [
          {
            day: '2026-12-01',
            opened: 1,
            concluded: 1,
            positive: 1,
            sampled: 1,
            sampledConcluded: 1,
            sampledPositive: 1,
          },
          { day: '2026-12-02', opened: 2, concluded: 1, positive: 0, ...none },
          { day: '2026-12-03', opened: 1, concluded: 0, positive: 0, ...none },
        ];
        expect(await store.cases.casesPerDay({ modelName: MODEL, modelVersion: '3' })).toEqual(december);
        expect(await store.cases.casesPerDay({ modelName: MODEL })).toEqual(december);
        expect(
          await store.cases.casesPerDay({
            modelName: MODEL,
            modelVersion: '3',
            since: at('2026-12-02T00:00:00.000Z'),
            until: at('2026-12-03T12:00:00.000Z'),
          }),
        ).toEqual([december[1]]);
        expect(await store.cases.casesPerDay({ modelName: MODEL, modelVersion: '4' })).toEqual([]);
        expect(await store.cases.casesPerDay({ modelName: 'another-model' })).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
}
