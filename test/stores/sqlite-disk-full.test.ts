import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlDatabase, SqlTrackingStore } from '../../src/adapters/sql/index.js';
import { AmlopsError } from '../../src/core/errors/index.js';

// SQLite answers SQLITE_FULL when the disk is full, and also when the database reaches its
// max_page_count, which this test sets: the same failure without a full disk. test/cluster/
// disk-full.test.ts fills a real (tmpfs) disk under a running server.

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('the SQLite store out of room', () => {
  it('fails writes with STORE_DISK_FULL naming the file, and keeps what it has readable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'amlops-sqlite-full-'));
    dirs.push(dir);
    const file = join(dir, 'amlops.db');
    const database = await openSqlDatabase(`sqlite:${file}`);
    const tracking = await SqlTrackingStore.open(database, { artifactRoot: join(dir, 'artifacts') });
    try {
      const experimentId = await tracking.createExperiment({ name: 'full' });
      const runId = (await tracking.createRun({ experimentId, startTime: 1 })).info.runId;
      const batch = (prefix: string) => ({
        metrics: Array.from({ length: 500 }, (_, i) => ({
          key: `${prefix}${i}`,
          value: i,
          timestamp: 1,
          step: 0,
        })),
      });
      await tracking.logBatch(runId, batch('kept_'));
      const { page_count: pages } = (
        await sql<{ page_count: number }>`pragma page_count`.execute(database.db)
      ).rows[0]!;
      await sql.raw(`pragma max_page_count = ${pages}`).execute(database.db);

      let failure: unknown;
      for (let i = 0; i < 20 && failure === undefined; i++)
        await tracking.logBatch(runId, batch(`more${i}_`)).catch((error: unknown) => {
          failure = error;
        });
      expect(failure).toBeInstanceOf(AmlopsError);
      expect(failure).toMatchObject({
        code: 'STORE_DISK_FULL',
        status: 507,
        details: { file },
        message: expect.stringContaining(`the embedded store ${file} cannot be written`),
      });
      expect(
        (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db)).rows,
      ).toEqual([{ integrity_check: 'ok' }]);
      const run = await tracking.getRun(runId);
      expect(run.data.metrics.filter((m) => m.key.startsWith('kept_'))).toHaveLength(500);
    } finally {
      await tracking.close();
      await database.close();
    }
  });
});
