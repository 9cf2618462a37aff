import type { Command } from 'commander';
import { openCaseStore } from '../adapters/sql/open-case-store.js';
import { databaseUrlOf } from '../config/index.js';
import type { CaseStore } from '../ports/case-store.js';
import type { CliContext } from './cli-context.js';

/**
 * Runs `work` with the analysts' cases of the configured store (`store.databaseUrl`, else
 * `<home>/amlops.db`), and closes them afterwards, whatever happens.
 *
 * @example
 * await withCaseStore(context, command, (cases) => cases.casesPerDay({ modelName: 'consumers-laundering-model' }));
 */
export async function withCaseStore<T>(
  context: CliContext,
  command: Command,
  work: (cases: CaseStore) => Promise<T>,
): Promise<T> {
  const { config } = context.config(command);
  const cases = await openCaseStore(databaseUrlOf(config, context.io.cwd));
  try {
    return await work(cases);
  } finally {
    await cases.close();
  }
}
