import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { ThreadedWindowReader } from '../../src/adapters/threads/threaded-window-reader.js';
import type { CaseColumn } from '../../src/core/quality/quality-table-from-cases.js';
import type { ScoredCase, ScoredWindow } from '../../src/ports/audit-log.js';
import { usePostgres } from '../pipelines/test-postgres.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const freshPostgres = usePostgres();

const CASES = 260_000;
const T0 = 1_764_255_600_000;
const levels = ['LOW', 'MEDIUM', 'HIGH'];

/** Each case's score is unique (its number), so that windows compare as sets of scores. */
async function seed(url: string): Promise<void> {
  const log = await openAuditLog(url);
  try {
    for (let from = 0; from < CASES; from += 20_000) {
      const batch: ScoredCase[] = [];
      for (let i = from; i < from + 20_000; i++)
        batch.push({
          requestId: `r${i}`,
          row: 0,
          caseId: null,
          // A tenth of the traffic is another version's, interleaved.
          modelName: 'm',
          modelVersion: i % 10 === 0 ? '2' : '1',
          inputs: { amount: i % 7 === 0 ? null : i / 100, risk: i % 11 === 0 ? null : levels[i % 3]! },
          score: i / CASES,
          time: T0 + i,
          caller: '',
          clientRequestId: null,
        });
      await log.append(batch);
    }
  } finally {
    await log.close();
  }
}

function column(window: ScoredWindow, name: string, row: number): string | number | null {
  const c = window.inputs.get(name) as CaseColumn;
  if (c.kind === 'numeric') return Number.isNaN(c.values[row]!) ? null : c.values[row]!;
  return c.codes[row]! < 0 ? null : c.labels[c.codes[row]!]!;
}

/** The window as its cases keyed by score, sorted: order apart, what two readings must agree on. */
function cases(window: ScoredWindow): string[] {
  return Array.from(
    window.scores,
    (score, row) => `${score}|${column(window, 'amount', row)}|${column(window, 'risk', row)}`,
  ).sort();
}

for (const [name, makeUrl] of [
  [
    'SQLite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'amlops-window-'));
      dirs.push(dir);
      return `sqlite:${join(dir, 'amlops.db')}`;
    },
  ],
  ['PostgreSQL', () => freshPostgres()],
] as const)
  describe(`the live window read on two threads: ${name}`, () => {
    it('gives the cases one reading gives, whole and cut at a limit to the newest', async () => {
      const url = await makeUrl();
      await seed(url);
      const database = await openSqlDatabase(url);
      const log = await openAuditLog(url);
      try {
        const reader = new ThreadedWindowReader(url, database, 2);
        const query = {
          modelName: 'm',
          modelVersion: '1',
          since: T0 + 1000,
          until: T0 + CASES - 1000,
          limit: 1_000_000,
        };
        const [threaded, single] = [await reader.scoredWindow(query), await log.scoredWindow(query)];
        const expected = Array.from({ length: CASES }, (_, i) => i).filter(
          (i) => i % 10 !== 0 && T0 + i >= query.since && T0 + i < query.until,
        );
        expect(threaded.rows).toBe(expected.length);
        expect(threaded.total).toBe(expected.length);
        // Counted as read, or (when the limit cuts) by a count of the window.
        expect(single.total).toBe(expected.length);
        expect(cases(threaded)).toEqual(cases(single));
        const limited = { ...query, limit: 100_000 };
        const [cut, cutSingle] = [await reader.scoredWindow(limited), await log.scoredWindow(limited)];
        expect(cut).toMatchObject({ rows: 100_000, total: expected.length });
        expect(cutSingle).toMatchObject({ rows: 100_000, total: expected.length });
        const newest = new Set(expected.slice(-100_000).map((i) => i / CASES));
        expect(Array.from(cut.scores).every((s) => newest.has(s))).toBe(true);
        expect(cases(cut)).toEqual(cases(cutSingle));
        expect(await reader.scoredWindow({ ...query, modelVersion: '9' })).toMatchObject({
          rows: 0,
          total: 0,
        });
      } finally {
        await log.close();
        await database.close();
      }
    });
  });
