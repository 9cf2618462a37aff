import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, inject } from 'vitest';
import { openFeedbackLog } from '../../src/adapters/sql/feedback-open-log.js';
import { feedbackLogContract } from '../contracts/feedback-log.contract.js';
import { freshPostgresDatabase } from './fresh-postgres-database.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

feedbackLogContract('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-feedback-'));
  dirs.push(dir);
  return openFeedbackLog(`sqlite:${join(dir, 'amlops.db')}`);
});
feedbackLogContract('PostgreSQL', async () =>
  openFeedbackLog(await freshPostgresDatabase(inject('postgresUrl'))),
);
