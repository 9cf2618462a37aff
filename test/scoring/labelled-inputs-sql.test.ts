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

const scored = (
  requestId: string,
  row: number,
  version: string,
  score: number,
  time: number,
): ScoredCase => ({
  requestId,
  row,
  caseId: `${requestId}-${row}`,
  modelName: 'consumers-laundering-model',
  modelVersion: version,
  inputs: {
    total_outcome_dollar_amount: 100 * (row + 1),
    total_income_dollar_amount: null,
    risk_pld: 'HIGH',
  },
  score,
  time,
  caller: '',
  clientRequestId: null,
});

/** `labelledInputs` on each database: the cases of `labelledScores`, each with its inputs. */
function labelledInputsSuite(
  name: string,
  open: () => Promise<{ log: AuditLog; feedback: FeedbackLog; close: () => Promise<void> }>,
) {
  describe(`the labelled inputs of the SQL audit log on ${name}`, () => {
    let log: AuditLog;
    let feedback: FeedbackLog;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ log, feedback, close } = await open());
      await log.append([
        scored('a', 0, '7', 0.9, 1000),
        scored('a', 1, '7', 0.2, 1001),
        scored('b', 0, '8', 0.6, 1002),
        scored('c', 0, '7', 0.4, 1003), // never concluded
      ]);
      const conclude = (requestId: string, row: number, label: 0 | 1, time: number) =>
        feedback.recordFeedback({
          requestId,
          row,
          caseId: null,
          conclusion: label ? 'REPORTED' : 'CLOSED_NO_ROI',
          label,
          time,
          analyst: 'ana',
        });
      await conclude('a', 0, 0, 2000);
      await conclude('a', 0, 1, 2001); // revised: the later conclusion counts
      await conclude('a', 1, 0, 2002);
      await conclude('b', 0, 1, 2003);
      // The same request id scored again later (a client's reused id): the latest scoring counts.
      await log.append([scored('a', 1, '8', 0.3, 1500)]);
    });
    afterAll(() => close());

    it('reads the same cases as labelledScores, in the same order, with the inputs each was scored on', async () => {
      const withInputs = await log.labelledInputs();
      expect(withInputs.map(({ inputs: _, ...rest }) => rest)).toEqual(await log.labelledScores());
      expect(withInputs).toEqual([
        {
          modelName: 'consumers-laundering-model',
          modelVersion: '7',
          score: 0.9,
          label: 1,
          inputs: { total_outcome_dollar_amount: 100, total_income_dollar_amount: null, risk_pld: 'HIGH' },
        },
        expect.objectContaining({ modelVersion: '8', score: 0.3, label: 0 }),
        expect.objectContaining({ modelVersion: '8', score: 0.6, label: 1 }),
      ]);
      expect(withInputs[1]!.inputs.total_outcome_dollar_amount).toBe(200);
    });

    it('filters by model version and scoring time as labelledScores does', async () => {
      expect((await log.labelledInputs({ modelVersion: '8' })).map((c) => c.score)).toEqual([0.3, 0.6]);
      expect((await log.labelledInputs({ since: 1001, until: 1003 })).map((c) => c.score)).toEqual([0.6]);
      expect(await log.labelledInputs({ modelName: 'other' })).toEqual([]);
    });
  });
}

labelledInputsSuite('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-labelled-inputs-'));
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

labelledInputsSuite('PostgreSQL', async () => {
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
