import type { FeedbackLog } from '../../ports/feedback-log.js';
import { SqlFeedbackLog } from './feedback-sql-log.js';
import { openSqlDatabase } from './open-sql-database.js';

/**
 * Opens (and migrates) the database at `url` — a SQLite path or `postgres://` — and returns its log
 * of analysts' conclusions; closing the log closes the database.
 *
 * @example
 * const feedback = await openFeedbackLog(resolveDatabaseUrl());
 */
export async function openFeedbackLog(url: string): Promise<FeedbackLog> {
  const database = await openSqlDatabase(url);
  try {
    return await SqlFeedbackLog.open(database);
  } finally {
    await database.close();
  }
}
