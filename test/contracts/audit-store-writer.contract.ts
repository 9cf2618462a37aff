import { describe, expect, it } from 'vitest';
import type { AuditLog } from '../../src/ports/audit-log.js';
import type { AuditStoreWriter } from '../../src/ports/audit-store-writer.js';
import { auditRequest } from '../support/audit-batch.js';

/** A writer and a log reading the same store; `close` releases both. */
export interface AuditStoreUnderTest {
  readonly writer: AuditStoreWriter;
  readonly log: AuditLog;
  close(): Promise<void>;
}

/**
 * What every `AuditStoreWriter` promises: each case of each batch appended once, its inputs as
 * scored (missing as null, text escaped as needed), with the checkpoint of its source in the same
 * transaction; nothing appended and the checkpoint unmoved when the append fails.
 */
export function auditStoreWriterContract(name: string, open: () => Promise<AuditStoreUnderTest>): void {
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
  });
}
